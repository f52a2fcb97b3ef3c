package io.joulebit.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** One HTTP route as a plain function from request to response, so it is testable without a socket. */
@FunctionalInterface
public interface Route {
    Response handle(Request request) throws IOException;

    /**
     * @param body  the request body; empty for GET (the server enforces the route's size limit while reading)
     * @param query the raw query string after '?', "" when none
     */
    record Request(String method, String path, Map<String, String> headers, byte[] body, String query) {
        public Request {
            query = query == null ? "" : query;
        }

        public Request(String method, String path, Map<String, String> headers, byte[] body) {
            this(method, path, headers, body, "");
        }

        /** Header names are lower-cased by the server. */
        public String header(String name) { return headers.get(name.toLowerCase(Locale.ROOT)); }
    }

    record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
        public static Response text(int status, String text) {
            return new Response(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), Map.of());
        }

        public static Response json(int status, byte[] json) {
            return new Response(status, "application/json", json, Map.of());
        }
    }

    static Route notFound() {
        return req -> Response.text(404, "not found: try /, /metrics, /healthz, /api/v1/run\n");
    }

    /** Largest body this route reads; more is refused with 413 before the handler runs. */
    default long maxBodyBytes() { return 0; }
}

package io.joulebit.export;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.joulebit.export.web.BasicAuth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Adapts a {@link Route} to the JDK server: basic auth first (before the path is matched or a body byte is read, so
 * an anonymous client learns nothing and uploads nothing), exact path match, bounded body, never lets an exception
 * escape. Request paths are only compared, never mapped to files.
 */
final class RouteHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RouteHandler.class);
    private static final Route.Response UNAUTHORIZED = new Route.Response(401, "text/plain; charset=utf-8",
            "unauthorized\n".getBytes(StandardCharsets.UTF_8),
            Map.of("WWW-Authenticate", "Basic realm=\"joulebit\", charset=\"UTF-8\""));
    private static final AtomicBoolean WARNED = new AtomicBoolean();
    private final String path;
    private final Route route;
    private final BasicAuth auth;

    /** @param auth basic auth to ask of every request, or null for none */
    RouteHandler(String path, Route route, BasicAuth auth) {
        this.path = path;
        this.route = route;
        this.auth = auth;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Route.Response resp;
            String reqPath = ex.getRequestURI().getPath();
            if (auth != null && !auth.allows(ex.getRequestHeaders().getFirst("Authorization"))) {
                // Edge-triggered: a scraper with a wrong password would otherwise log every 15 s. No credential is logged.
                if (WARNED.compareAndSet(false, true)) {
                    LOG.warn("basic auth refused {} {} from {}; further refusals are logged at DEBUG",
                            ex.getRequestMethod(), reqPath, ex.getRemoteAddress().getAddress().getHostAddress());
                } else {
                    LOG.debug("basic auth refused {} {}", ex.getRequestMethod(), reqPath);
                }
                resp = UNAUTHORIZED;
            } else if (!reqPath.equals(path)) { // the "/" context catches every unknown path: 404 unless exactly "/"
                resp = Route.notFound().handle(null);
            } else {
                byte[] body = readBody(ex.getRequestBody(), route.maxBodyBytes());
                resp = body == null ? Route.Response.text(413, "request body larger than "
                        + route.maxBodyBytes() + " bytes\n") : safeHandle(ex, reqPath, body);
            }
            send(ex, resp);
        }
    }

    private Route.Response safeHandle(HttpExchange ex, String reqPath, byte[] body) {
        Map<String, String> headers = new HashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        try {
            return route.handle(new Route.Request(ex.getRequestMethod(), reqPath, headers, body,
                    ex.getRequestURI().getRawQuery()));
        } catch (Exception | StackOverflowError e) {
            LOG.warn("{} {} failed: {}", ex.getRequestMethod(), reqPath, e.toString());
            return Route.Response.text(500, "internal error\n");
        }
    }

    /** @return the body, or null when it exceeds {@code limit} */
    private static byte[] readBody(InputStream in, long limit) throws IOException {
        byte[] buf = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        return buf.length > limit ? null : buf;
    }

    private static void send(HttpExchange ex, Route.Response r) throws IOException {
        ex.getResponseHeaders().put("Content-Type", List.of(r.contentType()));
        r.headers().forEach((k, v) -> ex.getResponseHeaders().put(k, List.of(v)));
        boolean head = "HEAD".equals(ex.getRequestMethod());
        ex.sendResponseHeaders(r.status(), head ? -1 : (r.body().length == 0 ? -1 : r.body().length));
        if (!head && r.body().length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(r.body());
            }
        }
    }
}

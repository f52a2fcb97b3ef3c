package io.joulebit.export;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The warm-up formats the Date header the way this JDK's HTTP server writes it, so it warms the same caches. */
class DateHeaderTest {
    private static final String RFC_1123_GMT = "[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT";

    @Test
    void warmFormatsAsTheJdkServerDoes() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();
        try {
            HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/")).build(),
                    HttpResponse.BodyHandlers.discarding());
            String served = r.headers().firstValue("date").orElseThrow();
            assertThat(served).matches(RFC_1123_GMT);
            assertThat(DateHeader.warm()).matches(RFC_1123_GMT).hasSameSizeAs(served);
        } finally {
            server.stop(0);
        }
    }
}

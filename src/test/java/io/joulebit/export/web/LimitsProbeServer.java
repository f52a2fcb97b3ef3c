package io.joulebit.export.web;

import io.joulebit.export.HttpEndpoint;
import io.joulebit.export.IngestRoute;
import io.joulebit.export.Route;
import io.joulebit.time.NanoClock;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Child-JVM main for {@link SlowClientTest}: the JDK httpserver reads its limits once per JVM, so they are only
 * testable in a JVM whose first server is ours. Prints {@code PORT n}, serves until stdin closes.
 */
public final class LimitsProbeServer {
    private LimitsProbeServer() {}

    public static void main(String[] args) throws Exception {
        try (HttpEndpoint http = HttpEndpoint.builder("127.0.0.1", 0)
                .route("/metrics", req -> Route.Response.text(200, "joulebit_up 1\n"))
                .selfAuthenticating("/api/v1/steps", new IngestRoute("t", 1 << 16, b -> { }, NanoClock.SYSTEM))
                .start()) {
            System.out.println("PORT " + http.port());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (in.readLine() != null) {
                // serve until the parent closes our stdin
            }
        }
    }
}

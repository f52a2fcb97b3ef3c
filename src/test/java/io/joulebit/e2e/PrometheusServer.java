package io.joulebit.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.joulebit.testing.Await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus on loopback for end-to-end tests: started on a free port with its TSDB under a temp dir, waited
 * for on /-/ready, queried through /api/v1/query, and killed (with any children) on close. Found through
 * $JOULEBIT_PROMETHEUS or /usr/bin/prometheus, never on the PATH; a missing binary FAILS the test.
 * <pre>{@code
 * try (PrometheusServer p = PrometheusServer.start(dir, PrometheusConfigs.sidecar(dir, "127.0.0.1:" + port))) {
 *     List<PrometheusServer.Sample> up = p.query("up");
 * }
 * }</pre>
 */
final class PrometheusServer implements AutoCloseable {
    static final Path DEFAULT_BINARY = Path.of("/usr/bin/prometheus");
    static final Duration READY_DEADLINE = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One element of an instant vector. */
    record Sample(Map<String, String> labels, double value) {
        String label(String name) { return labels.getOrDefault(name, ""); }
    }

    private final Process process;
    private final Path log;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PrometheusServer(Process process, Path log, URI base) {
        this.process = process;
        this.log = log;
        this.base = base;
    }

    /** Starts Prometheus on {@code config}, data and log under {@code dir}, and returns once it is ready. */
    static PrometheusServer start(Path dir, Path config) throws IOException {
        return start(dir, config, null);
    }

    /** As {@link #start(Path, Path)}, on an existing TSDB (e.g. blocks backfilled by promtool) when tsdb is given. */
    static PrometheusServer start(Path dir, Path config, Path tsdb) throws IOException {
        Path binary = binary();
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(binary, dir.resolve("attempt-" + attempt), config, tsdb);
            } catch (PortTaken e) {
                if (attempt == 3) throw new AssertionError("no free loopback port after 3 tries", e);
            }
        }
    }

    /** The free port we picked was taken by someone else before Prometheus bound it. */
    private static final class PortTaken extends AssertionError {
        PortTaken(String log) { super(log); }
    }

    private static PrometheusServer startOnce(Path binary, Path dir, Path config, Path tsdb) throws IOException {
        int port = freeLoopbackPort();
        Path log = Files.createDirectories(dir).resolve("prometheus.log");
        List<String> argv = List.of(binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + (tsdb != null ? tsdb : Files.createDirectories(dir.resolve("tsdb"))),
                "--storage.tsdb.retention.time=3650d",
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn");
        Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        p.getOutputStream().close();
        PrometheusServer server = new PrometheusServer(p, log, URI.create("http://127.0.0.1:" + port));
        try {
            Await.until("Prometheus ready on port " + port, READY_DEADLINE, () -> {
                if (!p.isAlive()) {
                    String text = server.log();
                    if (text.contains("address already in use")) throw new PortTaken(text);
                    throw new AssertionError("prometheus exited " + p.exitValue() + ":\n" + text);
                }
                return server.get("/-/ready").statusCode() == 200;
            });
        } catch (PortTaken e) {
            server.close();
            throw e;
        } catch (AssertionError | RuntimeException e) {
            server.close();
            throw new AssertionError(e.getMessage() + "\nprometheus log:\n" + server.log(), e);
        }
        return server;
    }

    static Path binary() {
        String configured = System.getenv("JOULEBIT_PROMETHEUS");
        Path p = configured == null || configured.isBlank() ? DEFAULT_BINARY : Path.of(configured);
        if (!Files.isExecutable(p)) {
            fail("prometheus not found at " + p + " (set JOULEBIT_PROMETHEUS or install it): run "
                    + "`bash scripts/install-test-tools.sh` (Debian package prometheus)");
        }
        return p;
    }

    /** Evaluates {@code promql} now; fails on an API error (bad query, many-to-many match). */
    List<Sample> query(String promql) { return queryAt(promql, null); }

    /** Evaluates {@code promql} at {@code epochSeconds} (null: now). */
    List<Sample> queryAt(String promql, Double epochSeconds) {
        HttpResponse<String> r = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + (epochSeconds == null ? "" : "&time=" + String.format(Locale.ROOT, "%.3f", epochSeconds)));
        JsonNode body;
        try {
            body = JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON from Prometheus: " + r.body(), e);
        }
        if (!"success".equals(body.path("status").asText())) {
            throw new AssertionError("query failed: " + promql + " -> " + r.body());
        }
        JsonNode data = body.path("data");
        List<Sample> out = new ArrayList<>();
        if ("scalar".equals(data.path("resultType").asText())) {
            out.add(new Sample(Map.of(), Double.parseDouble(data.path("result").get(1).asText())));
            return out;
        }
        for (JsonNode s : data.path("result")) {
            Map<String, String> labels = new TreeMap<>();
            s.path("metric").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            out.add(new Sample(labels, Double.parseDouble(s.path("value").get(1).asText())));
        }
        return out;
    }

    /** Where it listens, e.g. http://127.0.0.1:PORT. */
    URI base() { return base; }

    /** What Prometheus wrote so far (for failure messages). */
    String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private HttpResponse<String> get(String pathAndQuery) {
        HttpRequest req = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(5)).GET().build();
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Kills Prometheus and its descendants by handle, and waits (bounded) until it is gone. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) throw new IllegalStateException("prometheus survived kill");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}

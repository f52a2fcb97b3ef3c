// The JVM's floor beside the sidecar in bench/sidecar.sh (issue 28): the JDK's HTTP server answering /metrics with
// LINES lines of Prometheus text whose values change at every scrape, and nothing else: no sampler, tailer or store.
// Started by the launcher with every flag of `run`, it shows what any JVM sidecar pays before doing any work.
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

public final class FloorServer {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int lines = Integer.parseInt(args[1]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/metrics", exchange -> {
            StringBuilder text = new StringBuilder(lines * 80);
            long now = System.nanoTime();
            for (int i = 0; i < lines; i++) {
                text.append("floor_value_total{device=\"gpu").append(i % 9).append("\",line=\"").append(i)
                    .append("\"} ").append((now % 1_000_000_007L) / (i + 1.5)).append('\n');
            }
            byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        // Exit 0 on SIGTERM, as the sidecar does (the bench checks it), through a normal exit that writes the archive.
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> {
            server.stop(0);
            System.exit(0);
        });
    }
}

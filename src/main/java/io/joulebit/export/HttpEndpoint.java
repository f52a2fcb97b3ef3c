package io.joulebit.export;

import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's HTTP server (JDK httpserver, no framework): /metrics, /healthz, /api/v1/run and, when configured,
 * /api/v1/steps. Handlers only read the latest immutable snapshot, so a scrape never touches hardware or files.
 * Start on port 0 in tests and read {@link #port()} back.
 */
public final class HttpEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);
    private final HttpServer server;
    private final ExecutorService pool;

    private HttpEndpoint(HttpServer server, ExecutorService pool) {
        this.server = server;
        this.pool = pool;
    }

    public static Builder builder(String host, int port) { return new Builder(host, port); }

    public int port() { return server.getAddress().getPort(); }

    public String host() { return server.getAddress().getHostString(); }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    public static final class Builder {
        private final String host;
        private final int port;
        private final Map<String, Route> routes = new LinkedHashMap<>();
        private int threads = 4;

        private Builder(String host, int port) {
            this.host = host;
            this.port = port;
        }

        public Builder route(String path, Route route) {
            routes.put(path, route);
            return this;
        }

        public Builder threads(int n) {
            threads = n;
            return this;
        }

        public HttpEndpoint start() throws IOException {
            // Without TCP_NODELAY, Nagle + the client's delayed ACK stall every response on a kept-alive connection
            // (Prometheus keeps them) by ~40 ms. The JDK server reads this once per JVM; an explicit -D still wins.
            if (System.getProperty("sun.net.httpserver.nodelay") == null) {
                System.setProperty("sun.net.httpserver.nodelay", "true");
            }
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 128);
            AtomicInteger n = new AtomicInteger();
            // Bounded pool and queue: a flood of clients waits or is refused, it never grows threads without limit.
            ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(1024), r -> {
                        Thread t = new Thread(r, "joulebit-http-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    }, new ThreadPoolExecutor.CallerRunsPolicy());
            server.setExecutor(pool);
            routes.forEach((path, route) -> server.createContext(path, new RouteHandler(path, route)));
            server.createContext("/", new RouteHandler("/", Route.notFound()));
            server.start();
            LOG.info("serving http://{}:{}{}", host, server.getAddress().getPort(), routes.keySet());
            return new HttpEndpoint(server, pool);
        }
    }
}

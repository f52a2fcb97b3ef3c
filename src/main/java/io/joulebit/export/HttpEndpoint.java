package io.joulebit.export;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import io.joulebit.export.web.BasicAuth;
import io.joulebit.export.web.HttpLimits;
import io.joulebit.export.web.TlsContexts;
import io.joulebit.export.web.WebConfig;
import io.joulebit.time.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's HTTP server (JDK httpserver, no framework): the live page at /, /metrics, /healthz, /api/v1/run,
 * /api/v1/history and, when configured, /api/v1/steps. Handlers only read the latest immutable snapshot (and the
 * page's in-memory history), so a scrape never touches hardware or files.
 * Start on port 0 in tests and read {@link #port()} back. With a {@link WebConfig} it serves HTTPS and/or asks every
 * route for basic auth, except routes that check their own credentials (the bearer-token ingest).
 */
public final class HttpEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);

    static {
        // Before any HttpServer exists: the JDK reads its slow-client and header limits once, at class load.
        HttpLimits.applyDefaults(System.getProperties());
    }
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
        private final Set<String> ownAuth = new HashSet<>();
        private WebConfig web = WebConfig.none();
        private NanoClock clock = NanoClock.SYSTEM;
        private int threads = 4;

        private Builder(String host, int port) {
            this.host = host;
            this.port = port;
        }

        public Builder route(String path, Route route) {
            routes.put(path, route);
            return this;
        }

        /**
         * A route that checks its own credentials in the Authorization header (the ingest's bearer token). Basic
         * auth is not asked of it: one Authorization header cannot carry both. TLS still applies.
         */
        public Builder selfAuthenticating(String path, Route route) {
            ownAuth.add(path);
            return route(path, route);
        }

        /** TLS and basic auth from {@code --web.config.file}; the clock times the basic-auth cache. */
        public Builder web(WebConfig config, NanoClock cacheClock) {
            web = config;
            clock = cacheClock;
            return this;
        }

        public Builder threads(int n) {
            threads = n;
            return this;
        }

        public HttpEndpoint start() throws IOException {
            InetSocketAddress addr = new InetSocketAddress(host, port);
            HttpServer server;
            if (web.tls().isPresent()) {
                HttpsServer https = HttpsServer.create(addr, 128);
                https.setHttpsConfigurator(TlsContexts.configurator(web.tls().get()));
                server = https;
            } else {
                server = HttpServer.create(addr, 128);
            }
            BasicAuth auth = web.basicAuth() ? new BasicAuth(web.basicAuthUsers(), BasicAuth.DEFAULT_TTL, clock) : null;
            AtomicInteger n = new AtomicInteger();
            // Bounded pool and queue: a flood of clients waits or is refused, it never grows threads without limit.
            ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(1024), r -> {
                        Thread t = new Thread(r, "joulebit-http-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    }, new ThreadPoolExecutor.CallerRunsPolicy());
            server.setExecutor(pool);
            routes.forEach((path, route) -> {
                if (!path.equals("/")) {
                    server.createContext(path, new RouteHandler(path, route, ownAuth.contains(path) ? null : auth));
                }
            });
            // One context may hold "/": it serves the page (when routed) and answers 404 for every unknown path.
            server.createContext("/", new RouteHandler("/", routes.getOrDefault("/", Route.notFound()),
                    ownAuth.contains("/") ? null : auth));
            server.start();
            LOG.info("serving {}://{}:{}{} ({})", web.tls().isPresent() ? "https" : "http", host,
                    server.getAddress().getPort(), routes.keySet(), web.describe());
            return new HttpEndpoint(server, pool);
        }
    }
}

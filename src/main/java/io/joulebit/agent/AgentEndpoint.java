package io.joulebit.agent;

import io.joulebit.export.HttpEndpoint;
import io.joulebit.export.MetricsRoute;
import io.joulebit.export.Route;
import io.joulebit.export.StandardFamilies;
import io.joulebit.export.page.PageRoute;
import io.joulebit.export.web.WebConfig;
import io.joulebit.run.RunSnapshot;
import io.joulebit.time.NanoClock;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The agent's HTTP side, bound before anything slow: a sidecar answers /metrics within a fraction of a second of
 * exec while it probes power sources, opens its store and resumes its run in the background (issue 28). Until the
 * run is live ({@link #attach}) /metrics serves the standard families (joulebit_build_info at once, process_* from
 * the first thing the background start does) and {@code joulebit_ready 0}, and no run or device family at all:
 * absent is not zero, so no counter is seen below the value the resume restores and no
 * {@code joulebit_source_up == 0} alert fires for a source still being probed.
 * /api/v1/run, /api/v1/history and the ingest answer 503 with Retry-After until then; /healthz and the page answer.
 */
public final class AgentEndpoint implements AutoCloseable {
    /** What the routes read once the run is live: the exported view and the routes that need the accountant. */
    record Live(Supplier<RunSnapshot> visible, Route run, Route history, Route ingest) {}

    private HttpEndpoint http;
    private volatile Live live;

    private AgentEndpoint() { }

    /**
     * @param standard the process/build/JVM families, or null for none; joulebit_ready joins them
     * @param ingestToken the bearer token of POST /api/v1/steps, or null for no ingest
     */
    static AgentEndpoint bind(String host, int port, WebConfig web, NanoClock clock, PrometheusRegistry standard,
                              String ingestToken, long ingestMaxBody) throws IOException {
        AgentEndpoint self = new AgentEndpoint();
        Supplier<Live> live = () -> self.live;
        if (standard != null) StandardFamilies.ready(standard, self::ready);
        HttpEndpoint.Builder b = HttpEndpoint.builder(host, port).web(web, clock)
                .route("/metrics", new MetricsRoute(() -> {
                    Live l = self.live;
                    return l == null ? null : l.visible().get();
                }, standard, System::nanoTime))
                .route("/healthz", req -> Route.Response.text(200, "ok\n"))
                .route("/api/v1/run", whenLive(live, Live::run, 0))
                .route("/", new PageRoute())
                .route("/api/v1/history", whenLive(live, Live::history, 0));
        if (ingestToken != null) b.selfAuthenticating("/api/v1/steps", whenLive(live, Live::ingest, ingestMaxBody));
        self.http = b.start(); // before any other thread sees self: it is returned from here
        return self;
    }

    /** The run is live: its figures are served from now on. */
    void attach(Live l) { live = l; }

    public boolean ready() { return live != null; }

    public int port() { return http.port(); }

    @Override
    public void close() { http.close(); }

    private static Route whenLive(Supplier<Live> live, Function<Live, Route> route, long maxBody) {
        return new Route() {
            @Override
            public Response handle(Request req) throws IOException {
                Live l = live.get();
                if (l != null) return route.apply(l).handle(req);
                return new Response(503, "text/plain; charset=utf-8",
                        "starting: power sources and the run store are still being opened; retry shortly\n"
                                .getBytes(StandardCharsets.UTF_8), Map.of("Retry-After", "1"));
            }

            @Override
            public long maxBodyBytes() { return maxBody; }
        };
    }
}

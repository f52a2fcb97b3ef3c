package io.joulebit.agent;

import io.joulebit.export.IngestRoute;
import io.joulebit.export.Route;
import io.joulebit.export.RunJson;
import io.joulebit.power.PowerSource;
import io.joulebit.progress.ProgressSource;
import io.joulebit.progress.StepEvent;
import io.joulebit.run.PowerSampler;
import io.joulebit.run.ProgressState;
import io.joulebit.run.RunAccountant;
import io.joulebit.run.RunSettings;
import io.joulebit.run.RunSnapshot;
import io.joulebit.time.NanoClock;

import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The running agent, sidecar or embedded in a training JVM: power sources → sampler → accountant (single writer)
 * → latest snapshot → HTTP. Progress arrives from a tailed log, HTTP pushes, or {@link #stepSink()} (DJL listener).
 */
public final class Agent implements AutoCloseable {
    private final RunAccountant accountant;
    private final AccountantLoop loop;
    private final PowerSampler sampler;
    private final List<ProgressSource> progress;
    private final AgentEndpoint http;

    private final List<Consumer<RunSnapshot>> onClose;
    private final io.joulebit.export.micrometer.RunMeterBinder meters;

    private Agent(RunAccountant accountant, AccountantLoop loop, PowerSampler sampler, List<ProgressSource> progress,
                  AgentEndpoint http, List<Consumer<RunSnapshot>> onClose,
                  io.joulebit.export.micrometer.RunMeterBinder meters) {
        this.onClose = onClose;
        this.meters = meters;
        this.accountant = accountant;
        this.loop = loop;
        this.sampler = sampler;
        this.progress = progress;
        this.http = http;
    }

    public static Builder builder(RunSettings settings) { return new Builder(settings); }

    /**
     * An agent inside a training JVM with the default config: the best power sources of this machine, /metrics on
     * {@code host:port}. Feed it with {@code JoulebitTrainingListener.builder(agent.stepSink())}.
     */
    public static Agent embedded(String runId, long params, String host, int port) throws IOException {
        var cfg = io.joulebit.config.ConfigLoader.defaults();
        var sel = PowerSources.choose(cfg.sources(), System.getenv(), NanoClock.SYSTEM);
        return builder(RunSettings.from(cfg, runId).withParams(params)).powerSources(sel.sources())
                .sampleInterval(cfg.sampling().interval()).listen(host, port).tokenOrigin("listener").start();
    }

    /**
     * An embedded agent that also binds its run, device and health families into the caller's Micrometer registry
     * (Spring Boot's, a PrometheusMeterRegistry, an OtlpMeterRegistry, ...); port -1 serves no HTTP of its own.
     */
    public static Agent embedded(String runId, long params, String host, int port,
                                 io.micrometer.core.instrument.MeterRegistry registry) throws IOException {
        Agent a = embedded(runId, params, host, port);
        a.bindTo(registry);
        return a;
    }

    /** Bind this run's families into a Micrometer registry; meters follow every publish. */
    public void bindTo(io.micrometer.core.instrument.MeterRegistry registry) { meters.bindTo(registry); }

    public RunSnapshot latest() { return accountant.latest(); }

    /** Where in-process progress goes (e.g. JoulebitTrainingListener); thread-safe and never blocks. */
    public Consumer<StepEvent> stepSink() { return loop::step; }

    public AccountantLoop loop() { return loop; }

    /** The bound HTTP port (useful with port 0), or -1 when not serving. */
    public int port() { return http == null ? -1 : http.port(); }

    @Override
    public void close() {
        for (ProgressSource p : progress) {
            try { p.close(); } catch (Exception ignored) { /* best effort at shutdown */ }
        }
        sampler.close();
        loop.close();
        for (Consumer<RunSnapshot> c : onClose) c.accept(accountant.latest());
        if (http != null) http.close();
    }

    public static final class Builder {
        private final RunSettings settings;
        private final List<PowerSource> power = new ArrayList<>();
        private final List<ProgressSource> progress = new ArrayList<>();
        private final java.util.Map<ProgressSource, Supplier<java.util.Optional<io.joulebit.progress.tail.TailPosition>>>
                positions = new java.util.HashMap<>();
        private Duration interval = Duration.ofSeconds(1);
        private NanoClock clock = NanoClock.SYSTEM;
        private InstantSource wall = InstantSource.system();
        private String host;
        private int port = -1;
        private String ingestToken;
        private long ingestMaxBody = 4 << 20;
        private io.joulebit.export.web.WebConfig web = io.joulebit.export.web.WebConfig.none();
        private Supplier<ProgressState.LineCounts> lines;
        private Supplier<String> tokenOrigin = () -> "none";
        private final List<Consumer<RunSnapshot>> onPublish = new ArrayList<>();
        private final List<Consumer<RunSnapshot>> onClose = new ArrayList<>();
        private Consumer<List<io.joulebit.power.PowerSample>> powerJournal = b -> { };
        private Consumer<StepEvent> stepJournal = e -> { };
        private Consumer<RunAccountant> restore = a -> { };
        private Supplier<java.util.Optional<io.joulebit.run.StoreStatus>> store = java.util.Optional::empty;
        private Consumer<io.joulebit.export.page.RunHistory> historySeed = h -> { };
        private java.util.function.UnaryOperator<RunSnapshot> exported = s -> s;
        private io.prometheus.metrics.model.registry.PrometheusRegistry standard;
        private AgentEndpoint endpoint;

        private Builder(RunSettings settings) { this.settings = settings; }

        public Builder powerSources(List<? extends PowerSource> s) { power.addAll(s); return this; }
        public Builder progress(ProgressSource s) { progress.add(s); return this; }
        /** A followed log: each event travels with the log position just after its line, for exact resume. */
        public Builder progress(ProgressSource s, Supplier<java.util.Optional<io.joulebit.progress.tail.TailPosition>> at) {
            positions.put(s, at);
            progress.add(s);
            return this;
        }
        public Builder sampleInterval(Duration d) { interval = d; return this; }
        public Builder clock(NanoClock c, InstantSource w) { clock = c; wall = w; return this; }
        public Builder listen(String h, int p) { host = h; port = p; return this; }
        public Builder ingest(String token, long maxBodyBytes) { ingestToken = token; ingestMaxBody = maxBodyBytes; return this; }
        /** TLS and basic auth for the HTTP server (--web.config.file). */
        public Builder web(io.joulebit.export.web.WebConfig w) { web = w; return this; }
        public Builder lines(Supplier<ProgressState.LineCounts> l) { lines = l; return this; }
        public Builder tokenOrigin(String o) { tokenOrigin = () -> o; return this; }
        public Builder tokenOrigin(Supplier<String> o) { tokenOrigin = o; return this; }
        public Builder onPublish(Consumer<RunSnapshot> l) { onPublish.add(l); return this; }
        /** Runs once with the final snapshot when the agent closes (after the last events were applied). */
        public Builder onClose(Consumer<RunSnapshot> l) { onClose.add(l); return this; }
        /** Also hand every reading and step to these (the store's journal); they must not block. */
        public Builder journal(Consumer<List<io.joulebit.power.PowerSample>> power, Consumer<StepEvent> steps) {
            powerJournal = power;
            stepJournal = steps;
            return this;
        }
        /** Restore stored totals into the fresh accountant before anything is sampled. */
        public Builder restore(Consumer<RunAccountant> r) { restore = r; return this; }
        public Builder store(Supplier<java.util.Optional<io.joulebit.run.StoreStatus>> s) { store = s; return this; }
        /** Fill the live page's history before the first publication (a resumed run's stored journal). */
        public Builder historySeed(Consumer<io.joulebit.export.page.RunHistory> seed) { historySeed = seed; return this; }

        /** A device is down after three missed samples (never sooner than 3 s, never later than max_gap). */
        static Duration staleAfter(Duration interval, Duration maxGap) {
            Duration three = interval.multipliedBy(3);
            Duration d = three.compareTo(Duration.ofSeconds(3)) < 0 ? Duration.ofSeconds(3) : three;
            return d.compareTo(maxGap) > 0 ? maxGap : d;
        }

        /** What /metrics and /api/v1/run show of the latest snapshot (with a store: only durable totals). */
        public Builder exported(java.util.function.UnaryOperator<RunSnapshot> view) { exported = view; return this; }

        /** process_*, joulebit_build_info and (jvm) jvm_* families on /metrics beside the run's. */
        public Builder standardFamilies(boolean jvm) {
            standard = io.joulebit.export.StandardFamilies.registry(jvm, io.joulebit.build.BuildInfo.CURRENT);
            return this;
        }

        /**
         * Binds the HTTP endpoint now (when listening), before the sources and the store are ready: /metrics
         * answers at once with the standard families and joulebit_ready 0, and serves the run from {@link #start()}
         * on. Idempotent; null when the agent serves no HTTP.
         */
        public AgentEndpoint serve() throws IOException {
            if (endpoint == null && port >= 0) {
                endpoint = AgentEndpoint.bind(host, port, web, clock, standard, ingestToken, ingestMaxBody);
            }
            return endpoint;
        }

        public Agent start() throws IOException {
            AgentEndpoint http = serve();
            RunAccountant acc = new RunAccountant(settings, clock, wall);
            acc.ledger().staleAfter(staleAfter(interval, settings.maxGap()));
            restore.accept(acc);
            acc.storeFrom(store);
            AccountantLoop loop = new AccountantLoop(acc, interval);
            PowerSampler sampler = new PowerSampler(power, interval);
            acc.sourcesFrom(sampler::health);
            if (lines != null) acc.linesFrom(lines);
            acc.tokenOrigin(tokenOrigin);
            onPublish.forEach(loop::onPublish);
            // Every exporter (/metrics, /api/v1/run, Micrometer and so OTLP) shows the same view: with a store, only
            // durable totals, so no backend sees a counter go backwards after a crash.
            var view = exported;
            var meters = new io.joulebit.export.micrometer.RunMeterBinder(() -> view.apply(acc.latest()));
            loop.onPublish(s -> meters.refresh());
            if (http != null) {
                var history = new io.joulebit.export.page.RunHistory(io.joulebit.export.page.HistoryRing.defaults(), wall);
                historySeed.accept(history);
                loop.onPublish(history::onPublish);
                Route ingest = ingestToken == null ? null : new IngestRoute(ingestToken, ingestMaxBody, batch -> {
                    loop.steps(batch);
                    batch.forEach(stepJournal);
                }, clock);
                // Restored before it is served: no run counter is exported below its resumed value.
                http.attach(new AgentEndpoint.Live(() -> view.apply(acc.latest()),
                        req -> Route.Response.json(200, RunJson.bytes(view.apply(acc.latest()))),
                        new io.joulebit.export.page.HistoryRoute(history, acc::latest), ingest));
            }
            loop.start();
            Consumer<List<io.joulebit.power.PowerSample>> power = powerJournal;
            Consumer<StepEvent> steps = stepJournal;
            sampler.start(batch -> {
                loop.powerBatch(batch);
                power.accept(batch);
            });
            for (ProgressSource p : progress) {
                var at = positions.get(p);
                p.start(e -> {
                    if (at == null) loop.step(e); else loop.step(e, at.get());
                    steps.accept(e);
                });
            }
            return new Agent(acc, loop, sampler, List.copyOf(progress), http, List.copyOf(onClose), meters);
        }
    }
}

package io.joulebit.agent;

import io.joulebit.config.ConfigLoader;
import io.joulebit.export.IngestRoute;
import io.joulebit.export.Route;
import io.joulebit.export.RunJson;
import io.joulebit.export.StandardFamilies;
import io.joulebit.export.micrometer.RunMeterBinder;
import io.joulebit.export.page.HistoryRing;
import io.joulebit.export.page.HistoryRoute;
import io.joulebit.export.page.RunHistory;
import io.joulebit.export.web.WebConfig;
import io.joulebit.build.BuildInfo;
import io.joulebit.power.PowerSource;
import io.joulebit.progress.ProgressSource;
import io.joulebit.progress.StepEvent;
import io.joulebit.progress.TokenOrigin;
import io.joulebit.progress.tail.TailPosition;
import io.joulebit.run.PowerSampler;
import io.joulebit.run.RunAccountant;
import io.joulebit.run.RunSettings;
import io.joulebit.run.RunSnapshot;
import io.joulebit.time.NanoClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final RunJournal journal;
    private final RunMeterBinder meters;

    private Agent(RunAccountant accountant, AccountantLoop loop, PowerSampler sampler, List<ProgressSource> progress,
                  AgentEndpoint http, RunJournal journal, RunMeterBinder meters) {
        this.accountant = accountant;
        this.loop = loop;
        this.sampler = sampler;
        this.progress = progress;
        this.http = http;
        this.journal = journal;
        this.meters = meters;
    }

    public static Builder builder(RunSettings settings) { return new Builder(settings); }

    /**
     * An agent inside a training JVM with the default config: the best power sources of this machine, /metrics on
     * {@code host:port}. Feed it with {@code JoulebitTrainingListener.builder(agent.stepSink())}.
     */
    public static Agent embedded(String runId, long params, String host, int port) throws IOException {
        var cfg = ConfigLoader.defaults();
        var sel = PowerSources.choose(cfg.sources(), System.getenv(), NanoClock.SYSTEM);
        return builder(RunSettings.from(cfg, runId).withParams(params)).powerSources(sel.sources())
                .sampleInterval(cfg.sampling().interval()).listen(host, port).tokenOrigin(TokenOrigin.LISTENER)
                .start();
    }

    /**
     * An embedded agent that also binds its run, device and health families into the caller's Micrometer registry
     * (Spring Boot's, a PrometheusMeterRegistry, an OtlpMeterRegistry, ...); port -1 serves no HTTP of its own.
     */
    public static Agent embedded(String runId, long params, String host, int port, MeterRegistry registry)
            throws IOException {
        Agent a = embedded(runId, params, host, port);
        a.bindTo(registry);
        return a;
    }

    /** Bind this run's families into a Micrometer registry; meters follow every publish. */
    public void bindTo(MeterRegistry registry) { meters.bindTo(registry); }

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
        journal.finish(accountant.latest());
        if (http != null) http.close();
    }

    public static final class Builder {
        private final RunSettings settings;
        private final List<PowerSource> power = new ArrayList<>();
        private final List<ProgressSource> progress = new ArrayList<>();
        private final Map<ProgressSource, Supplier<Optional<TailPosition>>> positions = new HashMap<>();
        private Duration interval = Duration.ofSeconds(1);
        private NanoClock clock = NanoClock.SYSTEM;
        private InstantSource wall = InstantSource.system();
        private String host;
        private int port = -1;
        private String ingestToken;
        private long ingestMaxBody = 4 << 20;
        private WebConfig web = WebConfig.none();
        private TokenOrigin feed;
        private RunJournal journal = RunJournal.NONE;
        private PrometheusRegistry standard;
        /** The process (and JVM) families' registration until it has run; null: nothing left to register. */
        private Runnable processFamilies;
        private AgentEndpoint endpoint;

        private Builder(RunSettings settings) { this.settings = settings; }

        public Builder powerSources(List<? extends PowerSource> s) { power.addAll(s); return this; }
        /** A progress source; the first one's token origin and line counts are the run's. */
        public Builder progress(ProgressSource s) { progress.add(s); return this; }
        /** A followed log: each event travels with the log position just after its line, for exact resume. */
        public Builder progress(ProgressSource s, Supplier<Optional<TailPosition>> at) {
            positions.put(s, at);
            progress.add(s);
            return this;
        }
        public Builder sampleInterval(Duration d) { interval = d; return this; }
        public Builder clock(NanoClock c, InstantSource w) { clock = c; wall = w; return this; }
        public Builder listen(String h, int p) { host = h; port = p; return this; }
        public Builder ingest(String token, long maxBodyBytes) { ingestToken = token; ingestMaxBody = maxBodyBytes; return this; }
        /** TLS and basic auth for the HTTP server (--web.config.file). */
        public Builder web(WebConfig w) { web = w; return this; }
        /** The token origin of steps fed in-process through {@link Agent#stepSink()} (the DJL listener). */
        public Builder tokenOrigin(TokenOrigin o) { feed = o; return this; }
        /** Where the run is kept: the store's journal, checkpoints, restore and durable view. */
        public Builder journal(RunJournal j) { journal = j; return this; }

        /**
         * joulebit_build_info, process_* and (jvm) jvm_* families on /metrics beside the run's. The process and JVM
         * families join in {@link #processFamilies()}, which {@link #start()} calls if nothing did before.
         */
        public Builder standardFamilies(boolean jvm) {
            PrometheusRegistry r = StandardFamilies.build(BuildInfo.CURRENT);
            standard = r;
            processFamilies = () -> StandardFamilies.process(r, jvm);
            return this;
        }

        /**
         * Registers the process (and JVM) families asked for by {@link #standardFamilies}; once. A sidecar calls it
         * behind its first answer, where their ~50 ms of platform-MBean start-up no longer delays it.
         */
        public Builder processFamilies() {
            Runnable register = processFamilies;
            processFamilies = null;
            if (register != null) register.run();
            return this;
        }

        /** A device is down after three missed samples (never sooner than 3 s, never later than max_gap). */
        static Duration staleAfter(Duration interval, Duration maxGap) {
            Duration three = interval.multipliedBy(3);
            Duration d = three.compareTo(Duration.ofSeconds(3)) < 0 ? Duration.ofSeconds(3) : three;
            return d.compareTo(maxGap) > 0 ? maxGap : d;
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

        /** The run's token origin: its progress source's, else the in-process feed's, else ingest's, else none. */
        private Supplier<TokenOrigin> tokenOrigin() {
            if (!progress.isEmpty()) return progress.get(0)::tokenOrigin;
            TokenOrigin o = feed != null ? feed : ingestToken != null ? TokenOrigin.INGEST : TokenOrigin.NONE;
            return () -> o;
        }

        public Agent start() throws IOException {
            AgentEndpoint http = serve();
            processFamilies();
            RunJournal journal = this.journal;
            RunAccountant acc = new RunAccountant(settings, clock, wall);
            acc.ledger().staleAfter(staleAfter(interval, settings.maxGap()));
            journal.restore(acc);
            acc.storeFrom(journal::status);
            AccountantLoop loop = new AccountantLoop(acc, interval);
            PowerSampler sampler = new PowerSampler(power, interval);
            acc.sourcesFrom(sampler::health);
            if (!progress.isEmpty()) acc.linesFrom(progress.get(0)::lines);
            acc.tokenOrigin(tokenOrigin());
            loop.onPublish(journal::onPublish);
            // Every exporter (/metrics, /api/v1/run, Micrometer and so OTLP) shows the same view: with a store, only
            // durable totals, so no backend sees a counter go backwards after a crash.
            Supplier<RunSnapshot> visible = () -> journal.visible(acc.latest());
            var meters = new RunMeterBinder(visible);
            loop.onPublish(s -> meters.refresh());
            if (http != null) {
                var history = new RunHistory(HistoryRing.defaults(), wall);
                journal.seedHistory(history);
                loop.onPublish(history::onPublish);
                Route ingest = ingestToken == null ? null : new IngestRoute(ingestToken, ingestMaxBody, batch -> {
                    loop.steps(batch);
                    batch.forEach(journal::step);
                }, clock);
                // Restored and published before it is served: no run counter is exported below its resumed value, and
                // the first snapshot served already has the chosen sources, the token origin and the resumed steps.
                acc.publish(); // the loop thread has not started: still the single writer
                http.attach(new AgentEndpoint.Live(visible, req -> Route.Response.json(200,
                        RunJson.bytes(visible.get())), new HistoryRoute(history, acc::latest), ingest));
            }
            loop.start();
            sampler.start(batch -> {
                loop.powerBatch(batch);
                journal.power(batch);
            });
            for (ProgressSource p : progress) {
                var at = positions.get(p);
                p.start(e -> {
                    if (at == null) loop.step(e); else loop.step(e, at.get());
                    journal.step(e);
                });
            }
            return new Agent(acc, loop, sampler, List.copyOf(progress), http, journal, meters);
        }
    }
}

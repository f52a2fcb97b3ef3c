package io.joulebit.agent;

import io.joulebit.config.AgentConfig;
import io.joulebit.export.micrometer.OtlpExport;
import io.joulebit.export.web.WebConfig;
import io.joulebit.power.select.Selection;
import io.joulebit.progress.tail.TailProgressSource;
import io.joulebit.run.RunSettings;
import io.joulebit.store.Checkpoint;
import io.joulebit.store.RunIds;
import io.joulebit.store.RunRecord;
import io.joulebit.store.RunStore;
import io.joulebit.store.StoreException;
import io.joulebit.store.StoreOptions;
import io.joulebit.time.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * `joulebit run` assembled from its config: the HTTP endpoint first, then (in the background) power sources chosen
 * per device, the followed log (or trainer_state.json), ingest, the run store with resume. Closing flushes everything.
 */
public final class Sidecar implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Sidecar.class);
    private final String runId;
    private final AgentEndpoint endpoint;
    private final CompletableFuture<Agent> agent = new CompletableFuture<>();
    private final Thread starter;
    private volatile RunStore store;
    private volatile AutoCloseable otlp;

    /** The start-up thread is made here and started by {@link #start}, once this object is complete. */
    private Sidecar(String runId, AgentEndpoint endpoint, AgentConfig cfg, RunSettings settings, Agent.Builder b,
                    Supplier<Selection> sources) {
        this.runId = runId;
        this.endpoint = endpoint;
        this.starter = new Thread(() -> assemble(cfg, settings, b, sources), "joulebit-start");
        this.starter.setDaemon(true);
    }

    public String runId() { return runId; }

    /** The running agent; waits for the start-up (sources, store, resume) to finish. */
    public Agent agent() {
        try {
            return agent.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("run " + runId + " did not start: " + e.getCause(), e.getCause());
        }
    }

    /** Completes when the run is live (sources chosen, store open, run resumed), or with the reason it failed. */
    public CompletableFuture<Agent> started() { return agent; }

    /** The bound HTTP port, known as soon as {@link #start} returns. */
    public int port() { return endpoint == null ? -1 : endpoint.port(); }

    /**
     * Binds the HTTP endpoint and returns at once: /metrics answers while the power sources are probed, the store is
     * opened and the run resumed on a background thread ({@link #started()}; docs/deployment.md, "Start-up").
     */
    public static Sidecar start(AgentConfig cfg, WebConfig web) throws IOException {
        return start(cfg, web, () -> PowerSources.choose(cfg.sources(), System.getenv(), NanoClock.SYSTEM));
    }

    /** As above with the power sources chosen by {@code sources} (tests: a source whose probe blocks). */
    static Sidecar start(AgentConfig cfg, WebConfig web, Supplier<Selection> sources) throws IOException {
        String id = RunIds.configuredOrGenerated(cfg.run().id(), InstantSource.system(), new SplittableRandom());
        RunSettings settings = RunSettings.from(cfg, id);
        Agent.Builder b = Agent.builder(settings).sampleInterval(cfg.sampling().interval())
                .listen(cfg.export().host(), cfg.export().port()).web(web).standardFamilies(cfg.export().jvmMetrics());
        if (cfg.progress().ingest().token() != null) {
            b.ingest(cfg.progress().ingest().token(), cfg.progress().ingest().maxBodyBytes());
        }
        Sidecar s = new Sidecar(id, b.serve(), cfg, settings, b, sources);
        s.starter.start();
        return s;
    }

    /** The slow part of the start, behind the served endpoint: store, resume, power sources, progress, accountant. */
    private void assemble(AgentConfig cfg, RunSettings settings, Agent.Builder b, Supplier<Selection> sources) {
        Agent a = null;
        try {
            b.processFamilies(); // first: the families a scrape of a starting sidecar can already show
            store = cfg.store().enabled() ? RunStore.open(StoreOptions.defaults(cfg.store().path())) : null;
            Optional<Checkpoint> resume = store == null ? Optional.empty() : resume(store, settings);
            b.powerSources(sources.get().sources());
            AtomicReference<Agent> started = new AtomicReference<>();
            if (store != null) wireStore(b, store, settings, cfg.store().checkpointInterval(), resume, started);
            progress(b, cfg.progress().log(), resume);
            a = b.start();
            started.set(a);
            otlp = otlp(cfg.export().otlp(), runId, a);
            agent.complete(a);
        } catch (IOException | RuntimeException | Error e) {
            LOG.error("run {} could not start: {}", runId, e.toString());
            if (a != null) a.close();
            if (store != null) store.close();
            if (endpoint != null) endpoint.close();
            agent.completeExceptionally(e);
        }
    }

    /** export.otlp: the same families pushed over OTLP/HTTP; null when no endpoint is configured. */
    private static AutoCloseable otlp(AgentConfig.Otlp o, String runId, Agent agent) {
        if (o.endpoint() == null) return null;
        var registry = OtlpExport.start(o.endpoint(), o.interval(), o.headers(),
                o.resourceAttributes(), runId);
        agent.bindTo(registry);
        return registry::close;
    }

    private static Optional<Checkpoint> resume(RunStore store, RunSettings settings) {
        Optional<Checkpoint> resume = Optional.empty();
        try {
            resume = store.latestCheckpoint(settings.runId());
        } catch (StoreException e) {
            LOG.warn("cannot read run {} from the store ({}); starting it afresh", settings.runId(), e.getMessage());
        }
        store.startRun(RunRecord.started(settings.runId(), Instant.now(), "", settings.labels(), settings.params()));
        return resume;
    }

    private static void wireStore(Agent.Builder b, RunStore store, RunSettings settings, Duration interval,
                                  Optional<Checkpoint> resume, AtomicReference<Agent> started) {
        StoreBridge bridge = new StoreBridge(store, settings, InstantSource.system(), interval).resumeFrom(resume);
        // Until a step is applied, a checkpoint must keep the position this run resumed from.
        bridge.tailFrom(() -> Optional.ofNullable(started.get()).flatMap(a -> a.loop().appliedPosition())
                .or(() -> resume.flatMap(Checkpoint::tail)));
        b.journal(bridge);
    }

    /** The followed log, metric files or trainer_state.json; each reports its own token origin and counts. */
    private static void progress(Agent.Builder b, AgentConfig.Log log, Optional<Checkpoint> resume)
            throws IOException {
        if (log.path() == null) return;
        if (TrainerStateSource.handles(log.path())) {
            b.progress(new TrainerStateSource(log.path(), LogSource.options(log), Duration.ofSeconds(1),
                    NanoClock.SYSTEM));
            return;
        }
        var metric = LogSource.metricFiles(log, resume.flatMap(Checkpoint::tail), NanoClock.SYSTEM);
        if (metric.isPresent()) {
            b.progress(metric.get(), metric.get()::position);
            return;
        }
        TailProgressSource src = LogSource.follow(log, resume.flatMap(Checkpoint::tail), NanoClock.SYSTEM);
        b.progress(src, src::position);
    }

    /** Flush: the last events are applied and published, a final checkpoint is written, the store closed. */
    @Override
    public void close() {
        try {
            starter.join(); // a start under way finishes first: what it opened is then closed in order
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (agent.isCompletedExceptionally()) return; // it closed what it had opened
        agent.join().close();
        AutoCloseable otlp = this.otlp;
        if (otlp != null) {
            try {
                otlp.close(); // one last push, of the final snapshot
            } catch (Exception e) {
                LOG.warn("OTLP push at shutdown failed: {}", e.toString());
            }
        }
        RunStore store = this.store;
        if (store != null) store.close();
        LOG.info("run {} stopped", runId);
    }
}

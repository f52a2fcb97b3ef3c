package io.joulebit.agent;

import io.joulebit.config.AgentConfig;
import io.joulebit.export.web.WebConfig;
import io.joulebit.power.select.Selection;
import io.joulebit.progress.tail.TailProgressSource;
import io.joulebit.run.ProgressState;
import io.joulebit.run.RunSettings;
import io.joulebit.run.StoreStatus;
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
import java.util.concurrent.atomic.AtomicReference;

/**
 * `joulebit run` assembled from its config: power sources chosen per device, the followed log (or
 * trainer_state.json), ingest, the run store with resume, and the HTTP endpoint. Closing flushes everything.
 */
public final class Sidecar implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Sidecar.class);
    private final String runId;
    private final Agent agent;
    private final RunStore store;
    private final AutoCloseable otlp;

    private Sidecar(String runId, Agent agent, RunStore store, AutoCloseable otlp) {
        this.runId = runId;
        this.agent = agent;
        this.store = store;
        this.otlp = otlp;
    }

    public String runId() { return runId; }

    public Agent agent() { return agent; }

    public static Sidecar start(AgentConfig cfg, WebConfig web) throws IOException {
        String id = RunIds.configuredOrGenerated(cfg.run().id(), InstantSource.system(), new SplittableRandom());
        RunSettings settings = RunSettings.from(cfg, id);
        RunStore store = cfg.store().enabled() ? RunStore.open(StoreOptions.defaults(cfg.store().path())) : null;
        try {
            Optional<Checkpoint> resume = store == null ? Optional.empty() : resume(store, settings);
            Selection sel = PowerSources.select(cfg.sources(), PowerSources.candidates(cfg.sources(),
                    System.getenv(), NanoClock.SYSTEM));
            sel.reports().stream().filter(r -> r.chosen())
                    .forEach(r -> LOG.info("power source {} for {}", r.name(), r.chosenDevices()));
            Agent.Builder b = Agent.builder(settings).powerSources(sel.sources())
                    .sampleInterval(cfg.sampling().interval()).listen(cfg.export().host(), cfg.export().port()).web(web)
                    .standardFamilies(cfg.export().jvmMetrics());
            if (cfg.progress().ingest().token() != null) {
                b.ingest(cfg.progress().ingest().token(), cfg.progress().ingest().maxBodyBytes());
            }
            AtomicReference<Agent> started = new AtomicReference<>();
            if (store != null) wireStore(b, store, settings, cfg.store().checkpointInterval(), resume, started);
            progress(b, cfg.progress().log(), resume);
            Agent agent = b.start();
            started.set(agent);
            return new Sidecar(id, agent, store, otlp(cfg.export().otlp(), id, agent));
        } catch (IOException | RuntimeException e) {
            if (store != null) store.close();
            throw e;
        }
    }

    /** export.otlp: the same families pushed over OTLP/HTTP; null when no endpoint is configured. */
    private static AutoCloseable otlp(AgentConfig.Otlp o, String runId, Agent agent) {
        if (o.endpoint() == null) return null;
        var registry = io.joulebit.export.micrometer.OtlpExport.start(o.endpoint(), o.interval(), o.headers(),
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
        StoreBridge bridge = new StoreBridge(store, settings, InstantSource.system(), interval);
        // Until a step is applied, a checkpoint must keep the position this run resumed from.
        bridge.tailFrom(() -> Optional.ofNullable(started.get()).flatMap(a -> a.loop().appliedPosition())
                .or(() -> resume.flatMap(Checkpoint::tail)));
        b.store(() -> {
            var h = store.health();
            return Optional.of(new StoreStatus(h.up(), h.writeErrors(), h.droppedRows(), bridge.wallClockSteps(),
                    bridge.resumeGaps()));
        });
        b.journal(bridge::power, bridge::step).onPublish(bridge::onPublish).onClose(bridge::finish)
                .restore(acc -> bridge.resume(acc, resume, Instant.now())).exported(bridge.view()::visible)
                .historySeed(h -> resume.ifPresent(c -> HistoryFromStore.seed(h, store, settings.runId(), Instant.now())));
    }

    private static void progress(Agent.Builder b, AgentConfig.Log log, Optional<Checkpoint> resume)
            throws IOException {
        if (log.path() == null) return;
        if (TrainerStateSource.handles(log.path())) {
            TrainerStateSource src = new TrainerStateSource(log.path(), LogSource.options(log), Duration.ofSeconds(1),
                    NanoClock.SYSTEM);
            b.progress(src).tokenOrigin(src::tokenOrigin).lines(() -> new ProgressState.LineCounts(src.parsed(), 0, 0,
                    Optional.of(new ProgressState.LogFile(0, 0, java.util.Map.of(), "trainer-state"))));
            return;
        }
        var metric = LogSource.metricFiles(log, resume.flatMap(Checkpoint::tail), NanoClock.SYSTEM);
        if (metric.isPresent()) {
            var m = metric.get();
            b.progress(m, m::position).tokenOrigin(m::tokenOrigin).lines(() -> LogSource.lineCounts(m));
            return;
        }
        TailProgressSource src = LogSource.follow(log, resume.flatMap(Checkpoint::tail), NanoClock.SYSTEM);
        b.progress(src, src::position).tokenOrigin(src::tokenOrigin).lines(() -> LogSource.lineCounts(src));
    }

    /** Flush: the last events are applied and published, a final checkpoint is written, the store closed. */
    @Override
    public void close() {
        agent.close();
        if (otlp != null) {
            try {
                otlp.close(); // one last push, of the final snapshot
            } catch (Exception e) {
                LOG.warn("OTLP push at shutdown failed: {}", e.toString());
            }
        }
        if (store != null) store.close();
        LOG.info("run {} stopped", runId);
    }
}

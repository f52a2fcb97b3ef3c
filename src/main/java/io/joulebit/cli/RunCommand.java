package io.joulebit.cli;

import io.joulebit.agent.Agent;
import io.joulebit.agent.LogSource;
import io.joulebit.agent.PowerSources;
import io.joulebit.config.AgentConfig;
import io.joulebit.config.ConfigException;
import io.joulebit.config.ConfigLoader;
import io.joulebit.power.select.Selection;
import io.joulebit.progress.tail.TailProgressSource;
import io.joulebit.run.ProgressState;
import io.joulebit.run.RunSettings;
import io.joulebit.time.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.joulebit.agent.StoreBridge;
import io.joulebit.agent.TrainerStateSource;
import io.joulebit.store.Checkpoint;
import io.joulebit.store.RunIds;
import io.joulebit.store.RunRecord;
import io.joulebit.store.RunStore;
import io.joulebit.store.StoreException;
import io.joulebit.store.StoreOptions;

import java.net.BindException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.SplittableRandom;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** `joulebit run`: the sidecar. Follows a training log, samples power, serves /metrics until SIGTERM/SIGINT. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the agent beside a training job: follow its log, sample power, serve /metrics. "
                + "Flags override the config file (--config or $JOULEBIT_CONFIG), which overrides the defaults.")
public final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Spec CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config (default: $JOULEBIT_CONFIG, else none).")
    Path config;

    @Option(names = "--log", paramLabel = "PATH", description = "Training log to follow (progress.log.path).")
    Path log;

    @Option(names = "--format", paramLabel = "NAME", description = "Log format or auto (progress.log.format).")
    String format;

    @Option(names = "--run-id", paramLabel = "ID", description = "Run id (run.id; default: generated).")
    String runId;

    @Option(names = "--params", paramLabel = "N", description = "Model parameter count N_params (model.params).")
    String params;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "Serve address (export.listen; default 127.0.0.1:9877).")
    String listen;

    @Option(names = "--store", paramLabel = "PATH", description = "Run store, SQLite (store.path; default "
            + "joulebit-data/joulebit.db). An existing run id there resumes that run.")
    Path store;

    @Option(names = "--web.config.file", paramLabel = "FILE", description = "TLS and basic auth for /metrics and "
            + "the API, in the Prometheus exporter-toolkit web config format (default: plain HTTP, no auth).")
    Path webConfigFile;

    /** Test hook: released to stop the agent as SIGTERM would. */
    final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        AgentConfig cfg;
        io.joulebit.export.web.WebConfig web;
        try {
            cfg = ConfigLoader.load(configFile(), overrides());
            web = webConfigFile == null ? io.joulebit.export.web.WebConfig.none()
                    : io.joulebit.export.web.WebConfigLoader.load(webConfigFile);
        } catch (ConfigException e) {
            e.problems().forEach(p -> spec.commandLine().getErr().println("joulebit run: " + p));
            return Main.USAGE;
        }
        String id = RunIds.configuredOrGenerated(cfg.run().id(), InstantSource.system(), new SplittableRandom());
        RunSettings settings = RunSettings.from(cfg, id);
        RunStore runStore = cfg.store().enabled() ? RunStore.open(StoreOptions.defaults(cfg.store().path())) : null;
        Optional<Checkpoint> resume = Optional.empty();
        if (runStore != null) {
            try {
                resume = runStore.latestCheckpoint(id);
            } catch (StoreException e) {
                LOG.warn("cannot read run {} from the store ({}); starting it afresh", id, e.getMessage());
            }
            runStore.startRun(RunRecord.started(id, Instant.now(), "", settings.labels(), settings.params()));
        }
        Selection sel = PowerSources.select(cfg.sources(), PowerSources.candidates(cfg.sources(), System.getenv(),
                NanoClock.SYSTEM));
        sel.reports().stream().filter(r -> r.chosen())
                .forEach(r -> LOG.info("power source {} for {}", r.name(), r.chosenDevices()));
        Agent.Builder b = Agent.builder(settings).powerSources(sel.sources()).sampleInterval(cfg.sampling().interval())
                .listen(cfg.export().host(), cfg.export().port()).web(web);
        if (cfg.progress().ingest().token() != null) {
            b.ingest(cfg.progress().ingest().token(), cfg.progress().ingest().maxBodyBytes());
        }
        StoreBridge bridge = runStore == null ? null : new StoreBridge(runStore, settings,
                InstantSource.system(), cfg.store().checkpointInterval());
        var started = new java.util.concurrent.atomic.AtomicReference<Agent>();
        if (bridge != null) {
            Optional<Checkpoint> from = resume;
            // Until a step is applied, a checkpoint must keep the position this run resumed from.
            bridge.tailFrom(() -> Optional.ofNullable(started.get()).flatMap(a -> a.loop().appliedPosition())
                    .or(() -> from.flatMap(Checkpoint::tail)));
            b.store(() -> {
                var h = runStore.health();
                return Optional.of(new io.joulebit.run.StoreStatus(h.up(), h.writeErrors(), h.droppedRows()));
            });
            b.journal(bridge::power, bridge::step).onPublish(bridge::onPublish).onClose(bridge::finish)
                    .restore(acc -> from.ifPresent(c -> StoreBridge.restore(acc, c, Instant.now())));
        }
        if (cfg.progress().log().path() != null && TrainerStateSource.handles(cfg.progress().log().path())) {
            TrainerStateSource src = new TrainerStateSource(cfg.progress().log().path(),
                    LogSource.options(cfg.progress().log()), java.time.Duration.ofSeconds(1), NanoClock.SYSTEM);
            b.progress(src).tokenOrigin(src::tokenOrigin).lines(() -> new ProgressState.LineCounts(src.parsed(), 0, 0));
        } else if (cfg.progress().log().path() != null) {
            TailProgressSource src = LogSource.follow(cfg.progress().log(),
                    resume.flatMap(Checkpoint::tail), NanoClock.SYSTEM);
            b.progress(src, src::position).tokenOrigin(src::tokenOrigin).lines(() -> {
                var c = src.counters();
                return new ProgressState.LineCounts(c.parsed(), c.ignored(), c.rejected());
            });
        }
        Agent agent;
        try {
            agent = b.start();
            started.set(agent);
        } catch (BindException e) {
            spec.commandLine().getErr().println("joulebit run: cannot listen on " + cfg.export().host() + ":"
                    + cfg.export().port() + " (" + e.getMessage() + ")");
            return Main.RUNTIME_FAILURE;
        }
        LOG.info("run {} ready: {}://{}:{}/metrics", id, web.tls().isPresent() ? "https" : "http",
                cfg.export().host(), agent.port());
        CountDownLatch done = new CountDownLatch(1);
        // SIGTERM/SIGINT: the JVM exits when hooks return, so the hook waits for the flush to finish.
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                done.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "joulebit-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        // Handle TERM/INT ourselves so the agent stops like any finished command: flush, close, exit 0 (a JVM
        // stopped by the default handler exits 143 whatever we do). The hook stays as the fallback.
        for (String sig : new String[]{"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(sig), s -> stop.countDown());
            } catch (IllegalArgumentException e) {
                LOG.debug("cannot handle SIG{} here: {}", sig, e.getMessage());
            }
        }
        Thread closer = new Thread(() -> {
            try {
                stop.await();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            agent.close(); // flush: the last events are applied and published before exit
            if (runStore != null) runStore.close();
            LOG.info("run {} stopped", id);
            done.countDown();
        }, "joulebit-closer");
        closer.start();
        done.await();
        try { Runtime.getRuntime().removeShutdownHook(hook); } catch (IllegalStateException ignored) { }
        return Main.OK;
    }

    private Path configFile() {
        if (config != null) return config;
        String env = System.getenv("JOULEBIT_CONFIG");
        return env == null || env.isBlank() ? null : Path.of(env);
    }

    private Map<String, Object> overrides() {
        Map<String, Object> o = new LinkedHashMap<>();
        if (log != null) o.put("progress.log.path", log.toString());
        if (format != null) o.put("progress.log.format", format);
        if (runId != null) o.put("run.id", runId);
        if (params != null) o.put("model.params", params);
        if (listen != null) o.put("export.listen", listen);
        if (store != null) o.put("store.path", store.toString());
        return o;
    }
}

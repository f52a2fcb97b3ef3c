package io.joulebit.cli;

import io.joulebit.agent.Sidecar;
import io.joulebit.config.AgentConfig;
import io.joulebit.config.ConfigException;
import io.joulebit.config.ConfigLoader;
import io.joulebit.export.web.WebConfig;
import io.joulebit.export.web.WebConfigLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.net.BindException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

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

    @Option(names = "--loss-tag", paramLabel = "TAG", description = "Loss series of an event file or MLflow run "
            + "(progress.log.loss_tag; default: chosen from the writer's tags).")
    String lossTag;

    @Option(names = "--eval-tag", paramLabel = "TAG", description = "Eval loss series (progress.log.eval_tag).")
    String evalTag;

    @Option(names = "--tokens-tag", paramLabel = "TAG", description = "Cumulative tokens series (progress.log.tokens_tag).")
    String tokensTag;

    @Option(names = "--mlflow-run-id", paramLabel = "ID", description = "Run to follow when --log is an MLflow "
            + "experiment folder (progress.log.mlflow_run_id; default: the newest).")
    String mlflowRunId;

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
        WebConfig web;
        try {
            cfg = ConfigLoader.load(configFile(), overrides());
            web = webConfigFile == null ? WebConfig.none()
                    : WebConfigLoader.load(webConfigFile);
        } catch (ConfigException e) {
            e.problems().forEach(p -> spec.commandLine().getErr().println("joulebit run: " + p));
            return Main.USAGE;
        }
        Sidecar sidecar;
        try {
            sidecar = Sidecar.start(cfg, web);
        } catch (BindException e) {
            spec.commandLine().getErr().println("joulebit run: cannot listen on " + cfg.export().host() + ":"
                    + cfg.export().port() + " (" + e.getMessage() + ")");
            return Main.RUNTIME_FAILURE;
        }
        String id = sidecar.runId();
        String scheme = web.tls().isPresent() ? "https" : "http";
        // /metrics is served already; the sources, the store and the resume finish in the background, and the page's
        // URL is shown once the run is live (docs/deployment.md, "Start-up").
        AtomicReference<Throwable> failed = new AtomicReference<>();
        sidecar.started().whenComplete((agent, e) -> {
            if (e == null) {
                LOG.info("run {} ready: {}://{}:{}/metrics", id, scheme, cfg.export().host(), sidecar.port());
                spec.commandLine().getErr().println("joulebit run: run " + id + ", live page at "
                        + PageUrl.of(web.tls().isPresent(), cfg.export().host(), sidecar.port()));
                spec.commandLine().getErr().flush();
            } else {
                failed.set(e);
                stop.countDown();
            }
        });
        CountDownLatch done = new CountDownLatch(1);
        // SIGTERM/SIGINT: the JVM exits when hooks return, so the hook waits for the flush to finish.
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                done.await(10, TimeUnit.SECONDS);
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
            sidecar.close(); // flush: the last events are applied and published before exit
            done.countDown();
        }, "joulebit-closer");
        closer.start();
        done.await();
        try { Runtime.getRuntime().removeShutdownHook(hook); } catch (IllegalStateException ignored) { }
        if (failed.get() != null) {
            spec.commandLine().getErr().println("joulebit run: error: " + failed.get());
            return Main.RUNTIME_FAILURE;
        }
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
        if (lossTag != null) o.put("progress.log.loss_tag", lossTag);
        if (evalTag != null) o.put("progress.log.eval_tag", evalTag);
        if (tokensTag != null) o.put("progress.log.tokens_tag", tokensTag);
        if (mlflowRunId != null) o.put("progress.log.mlflow_run_id", mlflowRunId);
        if (runId != null) o.put("run.id", runId);
        if (params != null) o.put("model.params", params);
        if (listen != null) o.put("export.listen", listen);
        if (store != null) o.put("store.path", store.toString());
        return o;
    }
}

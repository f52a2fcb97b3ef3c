package io.joulebit.cli;

import io.joulebit.agent.Sidecar;
import io.joulebit.config.AgentConfig;
import io.joulebit.config.ConfigException;
import io.joulebit.config.ConfigLoader;
import io.joulebit.export.DateHeader;
import io.joulebit.export.web.WebConfig;
import io.joulebit.export.web.WebConfigLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.commons.cli.Options;

import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** `joulebit run`: the sidecar. Follows a training log, samples power, serves /metrics until SIGTERM/SIGINT. */
public final class RunCommand implements CliCommand {
    /** Not a static field: the logging starts on its own thread ({@link LogSetup#startInBackground}). */
    private static Logger log() { return LoggerFactory.getLogger(RunCommand.class); }

    private Path config;
    private Path log;
    private Path store;
    private Path webConfigFile;
    private final Map<String, Object> overrides = new LinkedHashMap<>();

    @Override
    public String name() {
        return "run";
    }

    @Override
    public List<String> description() {
        return List.of("Run the agent beside a training job: follow its log, sample power, serve /metrics. "
                + "Flags override the config file (--config or $JOULEBIT_CONFIG), which overrides the defaults.");
    }

    @Override
    public Options options() {
        return new OptionList()
                .value("config", "FILE", "YAML config (default: $JOULEBIT_CONFIG, else none).")
                .value("log", "PATH", "Training log to follow (progress.log.path).")
                .value("format", "NAME", "Log format or auto (progress.log.format).")
                .value("run-id", "ID", "Run id (run.id; default: generated).")
                .value("loss-tag", "TAG", "Loss series of an event file or MLflow run "
                        + "(progress.log.loss_tag; default: chosen from the writer's tags).")
                .value("eval-tag", "TAG", "Eval loss series (progress.log.eval_tag).")
                .value("tokens-tag", "TAG", "Cumulative tokens series (progress.log.tokens_tag).")
                .value("mlflow-run-id", "ID", "Run to follow when --log is an MLflow "
                        + "experiment folder (progress.log.mlflow_run_id; default: the newest).")
                .value("params", "N", "Model parameter count N_params (model.params).")
                .value("listen", "HOST:PORT", "Serve address (export.listen; default 127.0.0.1:9877).")
                .value("store", "PATH", "Run store, SQLite (store.path; default "
                        + "joulebit-data/joulebit.db). An existing run id there resumes that run.")
                .value("web.config.file", "FILE", "TLS and basic auth for /metrics and "
                        + "the API, in the Prometheus exporter-toolkit web config format (default: plain HTTP, no auth).")
                .get();
    }

    /** Test hook: released to stop the agent as SIGTERM would. */
    final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public int run(Args a, PrintWriter out, PrintWriter err) throws Exception {
        LogSetup.startInBackground(DateHeader::warm);   // the first scrape's Date header, formatted cold
        config = a.path("config");
        log = a.path("log");
        store = a.path("store");
        webConfigFile = a.path("web.config.file");
        overrides(a);
        AgentConfig cfg;
        WebConfig web;
        try {
            cfg = ConfigLoader.load(configFile(), overrides);
            web = webConfigFile == null ? WebConfig.none()
                    : WebConfigLoader.load(webConfigFile);
        } catch (ConfigException e) {
            e.problems().forEach(p -> err.println("joulebit run: " + p));
            return Main.USAGE;
        }
        Sidecar sidecar;
        try {
            sidecar = Sidecar.start(cfg, web);
        } catch (BindException e) {
            err.println("joulebit run: cannot listen on " + cfg.export().host() + ":"
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
                log().info("run {} ready: {}://{}:{}/metrics", id, scheme, cfg.export().host(), sidecar.port());
                err.println("joulebit run: run " + id + ", live page at "
                        + PageUrl.of(web.tls().isPresent(), cfg.export().host(), sidecar.port()));
                err.flush();
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
                log().debug("cannot handle SIG{} here: {}", sig, e.getMessage());
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
            err.println("joulebit run: error: " + failed.get());
            return Main.RUNTIME_FAILURE;
        }
        return Main.OK;
    }

    private Path configFile() {
        if (config != null) return config;
        String env = System.getenv("JOULEBIT_CONFIG");
        return env == null || env.isBlank() ? null : Path.of(env);
    }

    /** The flags as config keys, in the order the config binders report them. */
    private void overrides(Args a) {
        Map<String, Object> o = overrides;
        if (log != null) o.put("progress.log.path", log.toString());
        put(o, "progress.log.format", a.string("format"));
        put(o, "progress.log.loss_tag", a.string("loss-tag"));
        put(o, "progress.log.eval_tag", a.string("eval-tag"));
        put(o, "progress.log.tokens_tag", a.string("tokens-tag"));
        put(o, "progress.log.mlflow_run_id", a.string("mlflow-run-id"));
        put(o, "run.id", a.string("run-id"));
        put(o, "model.params", a.string("params"));
        put(o, "export.listen", a.string("listen"));
        if (store != null) o.put("store.path", store.toString());
    }

    private static void put(Map<String, Object> o, String key, String value) {
        if (value != null) o.put(key, value);
    }
}

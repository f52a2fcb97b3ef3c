package io.joulebit.cli;

import io.joulebit.agent.Agent;
import io.joulebit.agent.PowerSources;
import io.joulebit.config.AgentConfig;
import io.joulebit.config.ConfigException;
import io.joulebit.config.ConfigLoader;
import io.joulebit.config.Durations;
import io.joulebit.demo.DemoOptions;
import io.joulebit.demo.DemoTraining;
import io.joulebit.demo.grok.GrokkingOptions;
import io.joulebit.power.select.Selection;
import io.joulebit.progress.TokenOrigin;
import io.joulebit.run.RunSettings;
import io.joulebit.store.RunIds;
import io.joulebit.time.NanoClock;
import org.apache.commons.cli.Options;

import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** `joulebit demo`: the embedded default. Trains a small DJL language model in-process and monitors it live. */
public final class DemoCommand implements CliCommand {
    private String listen;

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public List<String> description() {
        return List.of("Train a small next-token language model with DJL (PyTorch CPU, offline) on public-domain "
                + "Shakespeare and monitor it live: power sources of this machine, /metrics, a status line, a summary.");
    }

    @Override
    public Options options() {
        return new OptionList()
                .value("steps", "N", "Stop after N optimizer steps (default: use --duration).")
                .value("duration", "D", "Stop after this long, e.g. 30s, 2m (default: 60s).")
                .value("listen", "HOST:PORT", "Where to serve the live page /, /metrics, /healthz, /api/v1/run "
                        + "(default: 127.0.0.1:9877; port 0 = any).")
                .value("task", "TASK", "chars: the language model (default); grokking: modular addition that "
                        + "generalises long after it memorises, for the heat-capacity early warning "
                        + "(docs/heat-capacity.md).")
                .value("seed", "N", "grokking: data split and weights seed (default: 1).")
                .value("weight-decay", "X",
                        "grokking: AdamW weight decay (default: 1.0; 0: the control run that does not generalise).")
                .value("batch", "N",
                        "grokking: N training pairs per step, drawn with replacement (default: all of them).")
                .value("series", "DIR", "grokking: write series.csv and chart.svg of the run there.")
                .get();
    }

    @Override
    public int run(Args a, PrintWriter out, PrintWriter err) throws Exception {
        long steps = a.wholeNumber("steps", 0);
        String duration = a.string("duration", "60s");
        listen = a.string("listen", "127.0.0.1:9877");
        String task = a.string("task", "chars");
        long seed = a.wholeNumber("seed", 1);
        float weightDecay = (float) a.number("weight-decay", 1.0);
        int batch = a.integer("batch", 0);
        Path series = a.path("series");
        if (!"chars".equals(task) && !"grokking".equals(task)) {
            err.println("joulebit demo: --task: expecting chars or grokking, found " + task);
            return Main.USAGE;
        }
        AgentConfig cfg;
        Duration limit;
        try {
            cfg = ConfigLoader.load(null, "grokking".equals(task) ? GrokkingDemo.overrides(listen)
                    : Map.<String, Object>of("export.listen", listen));
            limit = Durations.parse(duration);
        } catch (ConfigException e) {
            e.problems().forEach(p -> err.println("joulebit demo: --listen: " + p));
            return Main.USAGE;
        } catch (IllegalArgumentException e) {
            err.println("joulebit demo: --duration: expecting a duration like 30s or 2m, found " + duration);
            return Main.USAGE;
        }
        if (steps < 0) {
            err.println("joulebit demo: --steps: expecting N >= 0, found " + steps);
            return Main.USAGE;
        }
        if ("grokking".equals(task)) {
            if (weightDecay < 0 || !Float.isFinite(weightDecay)) {
                err.println("joulebit demo: --weight-decay: expecting X >= 0, found " + weightDecay);
                return Main.USAGE;
            }
            if (batch < 0) {
                err.println("joulebit demo: --batch: expecting N >= 0, found " + batch);
                return Main.USAGE;
            }
            GrokkingOptions g = GrokkingOptions.defaults().withSeed(seed).withWeightDecay(weightDecay);
            g = batch > 0 ? g.withBatch(batch, g.steps()) : g;
            try {
                return GrokkingDemo.run(steps > 0 ? g.withSteps(Math.toIntExact(steps)) : g, cfg, series, out, err);
            } catch (BindException e) {
                return cannotListen(err, e);
            }
        }
        DemoOptions opts = DemoOptions.defaults().withMaxDuration(steps > 0 ? Duration.ZERO : limit).withMaxSteps(steps);
        DemoTraining demo = new DemoTraining(opts);
        Selection sel = PowerSources.choose(cfg.sources(), System.getenv(), NanoClock.SYSTEM);
        sel.reports().stream().filter(r -> r.chosen())
                .forEach(r -> err.println("joulebit demo: power " + r.name() + " for " + r.chosenDevices()));
        RunSettings settings = RunSettings.from(cfg, RunIds.generate(InstantSource.system(), new SplittableRandom())).withParams(demo.parameterCount());
        Agent agent;
        Agent.Builder builder = Agent.builder(settings).powerSources(sel.sources())
                .sampleInterval(cfg.sampling().interval()).listen(cfg.export().host(), cfg.export().port())
                .tokenOrigin(TokenOrigin.LISTENER);
        DemoStore store = DemoStore.wire(cfg, settings, builder);
        try {
            agent = builder.start();
        } catch (BindException e) {
            if (store != null) store.close();
            return cannotListen(err, e);
        }
        err.printf("joulebit demo: %,d parameters, vocabulary %d; metrics at http://%s:%d/metrics%n",
                demo.parameterCount(), demo.vocabSize(), cfg.export().host(), agent.port());
        err.println("joulebit demo: live page at " + PageUrl.of(false, cfg.export().host(), agent.port()));
        err.flush();
        try {
            ForegroundTraining.run(err, agent::latest, demo::stop,
                    () -> demo.run(demo.listener(agent.stepSink(), NanoClock.SYSTEM)));
        } finally {
            agent.close();
            if (store != null) store.close();
        }
        SummaryTable.print(out, agent.latest());
        if (store != null) {
            out.printf("%nstored as run %s in %s; report: joulebit audit --run %s --out DIR%n", settings.runId(),
                    cfg.store().path(), settings.runId());
        }
        return Main.OK;
    }

    private int cannotListen(PrintWriter err, BindException e) {
        err.println("joulebit demo: cannot listen on " + listen + " (" + e.getMessage()
                + "); choose another with --listen 127.0.0.1:0");
        return Main.RUNTIME_FAILURE;
    }
}

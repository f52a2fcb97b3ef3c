package io.joulebit.cli;

import io.joulebit.agent.Agent;
import io.joulebit.agent.PowerSources;
import io.joulebit.config.AgentConfig;
import io.joulebit.demo.grok.GrokkingMeasurement;
import io.joulebit.demo.grok.GrokkingOptions;
import io.joulebit.demo.grok.GrokkingSeries;
import io.joulebit.demo.grok.GrokkingTraining;
import io.joulebit.power.select.Selection;
import io.joulebit.progress.TokenOrigin;
import io.joulebit.run.RunSettings;
import io.joulebit.store.RunIds;
import io.joulebit.time.NanoClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * `joulebit demo --task grokking`: the modular-addition run under a live agent (no store: a measurement run), then
 * what it showed — memorisation and generalisation steps and each heat-capacity estimator's candidates — and, with
 * --series DIR, the per-step series (series.csv) and the chart (chart.svg) docs/heat-capacity.md is made from.
 */
final class GrokkingDemo {
    private GrokkingDemo() {}

    /** The configuration overrides of a grokking run: where to listen, and H = ln p. */
    static Map<String, Object> overrides(String listen) {
        // before training every residue is equally likely, so the uniform baseline is the honest one
        return Map.of("export.listen", listen, "physics.baseline", "uniform",
                "physics.vocab_size", Integer.toString(GrokkingOptions.defaults().modulus()));
    }

    /** Runs opts under an agent configured with {@link #overrides}; a BindException is the caller's to report. */
    static int run(GrokkingOptions opts, AgentConfig cfg, Path seriesDir, PrintWriter out, PrintWriter err)
            throws IOException {
        GrokkingTraining job = new GrokkingTraining(opts);
        Selection sel = PowerSources.choose(cfg.sources(), System.getenv(), NanoClock.SYSTEM);
        RunSettings settings = RunSettings.from(cfg, RunIds.generate(InstantSource.system(), new SplittableRandom()))
                .withParams(job.parameterCount());
        GrokkingMeasurement m = new GrokkingMeasurement(opts.learningRate(), job.batchSize());
        Agent agent = Agent.builder(settings).powerSources(sel.sources()).sampleInterval(cfg.sampling().interval())
                .listen(cfg.export().host(), cfg.export().port()).tokenOrigin(TokenOrigin.LISTENER).start();
        try {
            err.printf("joulebit demo: grokking a+b mod %d, %d training pairs, %d per step, %,d parameters, weight decay"
                    + " %s, seed %d; metrics at http://%s:%d/metrics%n", opts.modulus(), job.trainSize(),
                    job.batchSize(), job.parameterCount(), opts.weightDecay(), opts.seed(), cfg.export().host(), agent.port());
            err.flush();
            ForegroundTraining.run(err, agent::latest, job::stop, () -> job.run(agent.stepSink(), m, NanoClock.SYSTEM));
        } finally {
            agent.close();
        }
        SummaryTable.print(out, agent.latest());
        out.printf("%ngrokking seed=%d weight_decay=%s batch=%d memorised_step=%d generalised_step=%d%n", opts.seed(),
                opts.weightDecay(), job.batchSize(), m.memorisedStep(), m.generalisedStep());
        m.summary().forEach(line -> out.println("  " + line));
        if (seriesDir != null) {
            GrokkingSeries.write(m, seriesDir);
            out.println("series and chart in " + seriesDir);
        }
        return Main.OK;
    }
}

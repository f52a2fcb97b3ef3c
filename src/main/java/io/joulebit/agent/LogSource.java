package io.joulebit.agent;

import io.joulebit.config.AgentConfig;
import io.joulebit.progress.format.FormatOptions;
import io.joulebit.progress.format.LossUnit;
import io.joulebit.progress.metricfile.MetricFileSource;
import io.joulebit.progress.metricfile.MetricRuns;
import io.joulebit.progress.metricfile.TagOverrides;
import io.joulebit.progress.tail.LogTailer;
import io.joulebit.progress.tail.TailPosition;
import io.joulebit.progress.tail.TailProgressSource;
import io.joulebit.time.NanoClock;

import java.io.IOException;
import java.util.Optional;

/** The followed training log from the `progress.log` config section. */
public final class LogSource {
    private LogSource() {}

    public static FormatOptions options(AgentConfig.Log c) {
        var f = c.fields();
        FormatOptions o = FormatOptions.defaults()
                .withFields(f.getOrDefault("step", "step"), f.getOrDefault("loss", "loss"),
                        f.getOrDefault("tokens", "tokens"), f.getOrDefault("lr", "lr"))
                .withLossUnit(LossUnit.parse(c.lossUnit()))
                .withRegex(c.regex());
        if (c.seqLen() != null) o = o.withSeqLen(c.seqLen());
        if (c.tokensPerStep() != null) o = o.withTokensPerStep(c.tokensPerStep());
        return o;
    }

    /**
     * The run's metric files (TensorBoard event files or log directory, MLflow run or experiment folder) followed as
     * progress, or empty when the path is a text log.
     *
     * @param resume file identity and record offset where a previous agent of this run stopped, if any
     */
    public static Optional<MetricFileSource> metricFiles(AgentConfig.Log c, Optional<TailPosition> resume,
                                                         NanoClock clock) throws IOException {
        return MetricRuns.layout(c.path(), c.mlflowRunId()).map(layout -> new MetricFileSource(layout, options(c),
                c.tags() == null ? TagOverrides.NONE : c.tags(), resume, c.pollInterval(), clock));
    }

    /** @param resume where a previous agent of this run stopped reading, if any */
    public static TailProgressSource follow(AgentConfig.Log c, Optional<TailPosition> resume, NanoClock clock) {
        LogTailer.Builder b = LogTailer.builder(c.path()).pollInterval(c.pollInterval());
        resume.ifPresent(b::resumeFrom);
        return TailProgressSource.forLog(b, c.format(), options(c), clock);
    }
}

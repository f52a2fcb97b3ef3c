package io.joulebit.e2e;

import io.joulebit.agent.Agent;
import io.joulebit.power.PowerSource;
import io.joulebit.progress.format.FormatOptions;
import io.joulebit.progress.tail.LogTailer;
import io.joulebit.progress.tail.TailProgressSource;
import io.joulebit.run.RunSettings;
import io.joulebit.thermo.EffectiveTemperature;
import io.joulebit.thermo.ModelTerm;
import io.joulebit.time.NanoClock;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** In-process agents for the end-to-end tests, wired the way `joulebit run` wires them, serving on port 0. */
final class E2eAgents {
    static final long PARAMS = 124_000_000L;
    static final Duration SAMPLE_INTERVAL = Duration.ofMillis(100);

    private E2eAgents() {}

    /**
     * A run with every optional figure switched on: params (IC-1), grid intensity (carbon) and an 8-point
     * heat-capacity window, so the test log fills a window within a second.
     */
    static RunSettings settings(String runId, Map<String, String> labels) {
        return new RunSettings(runId, labels, OptionalLong.of(PARAMS), 16, ModelTerm.NONE, null, 1, 20, 1.0, 300,
                false, 300, 400.0, EffectiveTemperature.Optimizer.ADAM, 0, 8, Duration.ofSeconds(10));
    }

    /** An agent on {@code host}:0 sampling {@code power} and, when {@code log} is not null, following it. */
    static Agent start(RunSettings settings, List<? extends PowerSource> power, Path log, String format, String host,
                       NanoClock clock) throws IOException {
        Agent.Builder b = Agent.builder(settings).powerSources(power).sampleInterval(SAMPLE_INTERVAL)
                .clock(clock, InstantSource.system()).listen(host, 0);
        if (log != null) {
            TailProgressSource src = TailProgressSource.forLog(
                    LogTailer.builder(log).pollInterval(Duration.ofMillis(50)), format, FormatOptions.defaults(), clock);
            b.progress(src);
        }
        return b.start();
    }
}

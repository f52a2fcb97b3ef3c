package io.joulebit.store;

import io.joulebit.progress.tail.TailPosition;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Every total of a run at one moment, written atomically together with the tailer's position, so a resume restores
 * the totals and continues the log exactly after the last line those totals counted.
 *
 * @param lossBitsSmoothed smoothed loss in bits/token; NaN when none yet
 * @param baselineBits     baseline entropy H in bits/token; NaN when none yet
 * @param baselineMethod   how H was obtained ("" when none)
 * @param extra            further figures the accountant wants back after a restart (name → value; NaN allowed)
 */
public record Checkpoint(String runId, Instant wallTime, long steps, long lastStep, OptionalLong tokens,
                         Map<String, DeviceTotals> devices, double lossBitsSmoothed, double baselineBits,
                         String baselineMethod, int baselinePoints, Optional<TailPosition> tail,
                         Map<String, Double> extra) {
    public Checkpoint {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(wallTime, "wallTime");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(tail, "tail");
        baselineMethod = baselineMethod == null ? "" : baselineMethod;
        devices = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(devices, "devices")));
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(extra, "extra")));
        devices.forEach((k, v) -> {
            if (!k.equals(Objects.requireNonNull(v, "devices[" + k + "]").device())) {
                throw new IllegalArgumentException("devices[" + k + "] holds device " + v.device());
            }
        });
        extra.forEach((k, v) -> Objects.requireNonNull(v, "extra[" + k + "]"));
    }

    /** Sum of the devices' energy (the run's IT energy as of this checkpoint). */
    public double energyJoules() {
        double sum = 0;
        for (DeviceTotals d : devices.values()) sum += d.energyJoules();
        return sum;
    }
}

package io.joulebit.store;

import io.joulebit.progress.tail.TailPosition;
import io.joulebit.thermo.PrequentialCurve;

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
 * @param extra            further figures the accountant wants back after a restart ({@link CheckpointKey} name →
 *                         value; NaN allowed)
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

    /** Names in {@link #extra()} of the structural figures' prequential sum (PHYSICS.md §2), resumed like a total. */
    public static final String CURVE_FIRST_TOKENS = CheckpointKey.PREQUENTIAL_FIRST_TOKENS.key(),
            CURVE_LAST_TOKENS = CheckpointKey.PREQUENTIAL_LAST_TOKENS.key(),
            CURVE_LAST_LOSS_BITS = CheckpointKey.PREQUENTIAL_LAST_LOSS_BITS.key(),
            CURVE_AREA = CheckpointKey.PREQUENTIAL_AREA_BITS.key(), CURVE_POINTS = CheckpointKey.PREQUENTIAL_POINTS.key(),
            CURVE_RESUMES = CheckpointKey.PREQUENTIAL_RESUMES.key();

    /** The stored figure {@code k}; NaN when this checkpoint has none (an older agent's, or not yet known). */
    public double extra(CheckpointKey k) { return extra.getOrDefault(k.key(), Double.NaN); }

    /** Writes {@code c} into an extra map under the CURVE_* names. */
    public static void putCurve(Map<String, Double> extra, PrequentialCurve c) {
        extra.put(CURVE_FIRST_TOKENS, (double) c.firstTokens());
        extra.put(CURVE_LAST_TOKENS, (double) c.lastTokens());
        extra.put(CURVE_LAST_LOSS_BITS, c.lastLossBits());
        extra.put(CURVE_AREA, c.areaBitTokens());
        extra.put(CURVE_POINTS, (double) c.points());
        extra.put(CURVE_RESUMES, (double) c.resumes());
    }

    /** The stored prequential sum; empty when none was stored (or a stored one is not valid). */
    public Optional<PrequentialCurve> curve() {
        if (!extra.containsKey(CURVE_AREA)) return Optional.empty();
        try {
            return Optional.of(new PrequentialCurve(count(CURVE_FIRST_TOKENS), count(CURVE_LAST_TOKENS),
                    extra.getOrDefault(CURVE_LAST_LOSS_BITS, Double.NaN), extra.get(CURVE_AREA), count(CURVE_POINTS),
                    count(CURVE_RESUMES)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private long count(String key) {
        double v = extra.getOrDefault(key, Double.NaN);
        if (!(v >= 0) || v > 0x1p53 || v != Math.rint(v)) throw new IllegalArgumentException(key + " = " + v);
        return (long) v;
    }

    /** Sum of the devices' energy (the run's IT energy as of this checkpoint). */
    public double energyJoules() {
        double sum = 0;
        for (DeviceTotals d : devices.values()) sum += d.energyJoules();
        return sum;
    }
}

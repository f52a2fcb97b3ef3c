package io.joulebit.store;

import io.joulebit.power.PowerSample;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One journaled power sample (at most one per device per wall-clock second: the latest of that second).
 *
 * @param watts NaN when the device reported none
 */
public record PowerRow(String runId, String device, String kind, String source, Instant wallTime, double watts,
                       OptionalDouble energyJoules, OptionalDouble celsius, OptionalDouble utilization)
        implements JournalRow {
    public PowerRow {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(wallTime, "wallTime");
        Objects.requireNonNull(energyJoules, "energyJoules");
        Objects.requireNonNull(celsius, "celsius");
        Objects.requireNonNull(utilization, "utilization");
    }

    public static PowerRow of(String runId, PowerSample s, Instant wallTime) {
        return new PowerRow(runId, s.device(), s.kind().label(), s.source(), wallTime, s.watts(), s.energyJoules(),
                s.celsius(), s.utilization());
    }

    /** The wall-clock second this row belongs to (the downsampling bucket). */
    long epochSecond() { return wallTime.getEpochSecond(); }
}

package io.joulebit.power.oshi;

import io.joulebit.power.Availability;
import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;
import io.joulebit.power.PowerSource;
import io.joulebit.power.SourceException;
import io.joulebit.time.NanoClock;

import java.util.List;
import java.util.OptionalDouble;

/**
 * Host CPU utilization and temperature via OSHI, device "cpu" (CPU). It measures no power (watts are NaN): it is the
 * utilization/temperature input, and the estimate source turns utilization into watts.
 */
public final class OshiCpuSource implements PowerSource {
    public static final String NAME = "oshi";
    public static final String DEVICE = "cpu";

    private final OshiCpuReader reader;
    private final NanoClock clock;

    public OshiCpuSource(OshiCpuReader reader, NanoClock clock) {
        this.reader = reader;
        this.clock = clock;
    }

    public static OshiCpuSource system(NanoClock clock) { return new OshiCpuSource(OshiCpuReader.system(), clock); }

    @Override public String name() { return NAME; }

    @Override
    public Availability probe() {
        return reader.problem().map(Availability::unavailable).orElseGet(() -> {
            OptionalDouble c = reader.celsius();
            return Availability.available("CPU utilization from OSHI tick counters (" + reader.logicalCpus()
                    + " logical CPUs), temperature " + (c.isPresent() ? "known" : "unknown")
                    + "; no power reading (the estimate source turns utilization into watts)", List.of(DEVICE));
        });
    }

    @Override
    public List<PowerSample> sample() throws SourceException {
        OptionalDouble u = reader.busyRatio();
        OptionalDouble c = reader.celsius();
        if (u.isEmpty() && c.isEmpty()) {
            throw new SourceException("io", "OSHI gave neither CPU utilization nor temperature");
        }
        PowerSample s = PowerSample.of(DEVICE, DeviceKind.CPU, NAME, clock.nanoTime(), Double.NaN);
        if (u.isPresent()) s = s.withUtilization(u.getAsDouble());
        if (c.isPresent()) s = s.withCelsius(c.getAsDouble());
        return List.of(s);
    }
}

package io.joulebit.power.estimate;

import io.joulebit.power.Availability;
import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;
import io.joulebit.power.PowerSource;
import io.joulebit.time.NanoClock;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * CPU power estimated from utilization with a {@link CpuPowerModel}; device "cpu" (CPU), always labelled
 * source="estimate" so nobody mistakes it for a measurement. No energy counter: the ledger integrates the watts.
 * When utilization is unknown the sample carries NaN watts, never a guessed idle figure.
 */
public final class EstimateSource implements PowerSource {
    public static final String NAME = "estimate";
    public static final String DEVICE = "cpu";

    private final CpuUtilization utilization;
    private final CpuPowerModel model;
    private final NanoClock clock;

    public EstimateSource(CpuUtilization utilization, CpuPowerModel model, NanoClock clock) {
        this.utilization = utilization;
        this.model = model;
        this.clock = clock;
    }

    @Override public String name() { return NAME; }

    public CpuPowerModel model() { return model; }

    @Override
    public Availability probe() {
        Optional<String> problem;
        try {
            problem = utilization.problem();
        } catch (RuntimeException e) {
            problem = Optional.of("utilization check failed: " + e);
        }
        return problem.map(p -> Availability.unavailable("no CPU utilization: " + p))
                .orElseGet(() -> Availability.available(String.format(
                        "estimated, not measured: %.2f W idle + (%.2f W max - idle) x utilization",
                        model.idleWatts(), model.maxWatts()), List.of(DEVICE)));
    }

    @Override
    public List<PowerSample> sample() {
        OptionalDouble u;
        try {
            u = utilization.busyRatio();
        } catch (RuntimeException e) {
            u = OptionalDouble.empty();
        }
        long now = clock.nanoTime();
        double watts = u.isPresent() ? model.watts(u.getAsDouble()) : Double.NaN;
        PowerSample s = PowerSample.of(DEVICE, DeviceKind.CPU, NAME, now, watts);
        return List.of(u.isPresent() && Double.isFinite(u.getAsDouble()) ? s.withUtilization(u.getAsDouble()) : s);
    }
}

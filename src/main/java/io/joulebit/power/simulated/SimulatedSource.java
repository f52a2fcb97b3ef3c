package io.joulebit.power.simulated;

import io.joulebit.power.Availability;
import io.joulebit.power.PowerSample;
import io.joulebit.power.PowerSource;
import io.joulebit.time.NanoClock;

import java.util.ArrayList;
import java.util.List;

/**
 * Deterministic fake devices for tests and demos; never chosen automatically (the selector only takes it when listed
 * explicitly). With {@code emitEnergy}, each sample also carries a monotonic energy counter integrated by the
 * trapezoid rule over this source's own samples (starting at 0 J at the first sample).
 */
public final class SimulatedSource implements PowerSource {
    public static final String NAME = "simulated";

    private final List<SimulatedDevice> devices;
    private final NanoClock clock;
    private final boolean emitEnergy;
    private final long startNanos;
    private final double[] energyJoules;
    private final double[] lastWatts;
    private long lastNanos;
    private boolean first = true;

    public SimulatedSource(List<SimulatedDevice> devices, NanoClock clock, boolean emitEnergy) {
        this.devices = List.copyOf(devices);
        this.clock = clock;
        this.emitEnergy = emitEnergy;
        this.startNanos = clock.nanoTime();
        this.energyJoules = new double[this.devices.size()];
        this.lastWatts = new double[this.devices.size()];
        if (this.devices.stream().map(SimulatedDevice::name).distinct().count() != this.devices.size()) {
            throw new IllegalArgumentException("simulated device names must be unique");
        }
    }

    @Override public String name() { return NAME; }

    @Override
    public Availability probe() {
        if (devices.isEmpty()) return Availability.unavailable("no simulated devices configured");
        return Availability.available("simulated, not measured: " + devices.size() + " device(s)",
                devices.stream().map(SimulatedDevice::name).toList());
    }

    @Override
    public synchronized List<PowerSample> sample() {
        long now = clock.nanoTime();
        double dt = first ? 0.0 : Math.max(0L, now - lastNanos) / 1e9;
        List<PowerSample> out = new ArrayList<>(devices.size());
        for (int i = 0; i < devices.size(); i++) {
            SimulatedDevice d = devices.get(i);
            double w = d.wattsAt(now - startNanos);
            if (!first) energyJoules[i] += dt * (lastWatts[i] + w) / 2.0;
            lastWatts[i] = w;
            PowerSample s = PowerSample.of(d.name(), d.kind(), NAME, now, w);
            out.add(emitEnergy ? s.withEnergyJoules(energyJoules[i]) : s);
        }
        first = false;
        lastNanos = now;
        return out;
    }
}

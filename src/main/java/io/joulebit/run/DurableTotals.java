package io.joulebit.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The totals of a run that resume across a restart, as of one committed checkpoint: what /metrics may show as
 * counters without ever having to take a value back (see {@link DurableView}).
 *
 * @param devices        per device: energy (J) and uncovered time (s)
 * @param energyJoules   run_energy_joules (IT energy × PUE), exactly as the checkpoint stored it
 * @param itEnergyJoules sum over devices
 */
public record DurableTotals(Map<String, Device> devices, long steps, OptionalLong tokens, double energyJoules,
                            double itEnergyJoules) {
    /** Nothing committed yet: a fresh run. */
    public static final DurableTotals NONE = new DurableTotals(Map.of(), 0, OptionalLong.empty(), 0, 0);

    public record Device(double energyJoules, double uncoveredSeconds) {}

    public DurableTotals {
        devices = Map.copyOf(devices);
    }

    /** The totals of a snapshot (the one a checkpoint was made from). */
    public static DurableTotals of(RunSnapshot s) {
        Map<String, Device> d = new LinkedHashMap<>();
        for (DeviceReading r : s.devices()) d.put(r.device(), new Device(r.energyJoules(), r.uncoveredSeconds()));
        double energy = s.figures().energyJoules().orElse(Double.NaN);
        return new DurableTotals(d, s.progress().trainSteps(), s.progress().tokens(),
                Double.isNaN(energy) ? 0 : energy, s.itEnergyJoules());
    }
}

package io.joulebit.power;

import io.joulebit.health.Health;

import java.util.List;
import java.util.Map;

/** One way of reading power/energy (NVML, nvidia-smi, RAPL, OSHI, estimate, simulated). */
public interface PowerSource extends AutoCloseable {
    /** The `source` label, e.g. "nvml", "nvidia-smi", "rapl", "estimate", "simulated". */
    String name();

    /** Cheap check whether this source works here; never throws. */
    Availability probe();

    /** Latest reading of every device this source covers. Must not block longer than the sampling interval. */
    List<PowerSample> sample() throws SourceException;

    /**
     * What the source counted on its own through its {@link io.joulebit.health.HealthLog} (failed device reads, garbage
     * rows...), added to source_errors_total; not up while it knows it misses data even though {@link #sample()} does
     * not throw (a stale stream, a lost GPU). A source that keeps no books reports {@link Health#UP}.
     */
    default Health health() { return Health.UP; }

    /** Per device: info labels and throttle time (NVML); empty for sources that know nothing more. */
    default Map<String, DeviceExtras> deviceExtras() { return Map.of(); }

    /** Per accelerator seen at the last probe: the method it gets and why not a better one (skipped ones too). */
    default List<DeviceMethod> methods() { return List.of(); }

    @Override
    default void close() {}
}

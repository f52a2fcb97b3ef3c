package io.joulebit.power;

import java.util.List;

/** One way of reading power/energy (NVML, nvidia-smi, RAPL, OSHI, estimate, simulated). */
public interface PowerSource extends AutoCloseable {
    /** The `source` label, e.g. "nvml", "nvidia-smi", "rapl", "estimate", "simulated". */
    String name();

    /** Cheap check whether this source works here; never throws. */
    Availability probe();

    /** Latest reading of every device this source covers. Must not block longer than the sampling interval. */
    List<PowerSample> sample() throws SourceException;

    /**
     * False while a source that reads in the background (a streaming process) knows its data is stale, even though
     * {@link #sample()} does not throw.
     */
    default boolean healthy() { return true; }

    /** Problems the source counted on its own (garbage rows, restarts...), by reason; added to source_errors_total. */
    default java.util.Map<String, Long> errorsByReason() { return java.util.Map.of(); }

    /** Per device: info labels and throttle time (NVML); empty for sources that know nothing more. */
    default java.util.Map<String, DeviceExtras> deviceExtras() { return java.util.Map.of(); }

    /** Per accelerator seen at the last probe: the method it gets and why not a better one (skipped ones too). */
    default List<DeviceMethod> methods() { return List.of(); }

    @Override
    default void close() {}
}

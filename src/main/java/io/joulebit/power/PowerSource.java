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

    @Override
    default void close() {}
}

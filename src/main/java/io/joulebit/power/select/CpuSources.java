package io.joulebit.power.select;

import io.joulebit.power.PowerSource;
import io.joulebit.power.estimate.CpuPowerModel;
import io.joulebit.power.estimate.EstimateSource;
import io.joulebit.power.oshi.OshiCpuReader;
import io.joulebit.power.oshi.OshiCpuSource;
import io.joulebit.power.rapl.RaplSource;
import io.joulebit.time.NanoClock;

import java.nio.file.Path;
import java.util.List;

/** The host (CPU/DRAM/platform) candidates with default settings, in priority order: rapl, estimate, oshi. */
public final class CpuSources {
    private CpuSources() {}

    public static List<PowerSource> defaults(Path sysfsRoot, NanoClock clock) {
        // Estimate and oshi each get their own OSHI reader: every utilization read moves the reader's tick baseline.
        OshiCpuReader forEstimate = OshiCpuReader.system();
        return List.of(
                new RaplSource(sysfsRoot, clock),
                new EstimateSource(forEstimate, CpuPowerModel.forLogicalCpus(forEstimate.logicalCpus()), clock),
                OshiCpuSource.system(clock));
    }
}

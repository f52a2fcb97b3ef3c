package io.joulebit.power.estimate;

/**
 * Linear CPU power model: P = idle + (max − idle) × utilization.
 * Defaults ({@link #forLogicalCpus}) are Cloud Carbon Footprint's fleet averages for AWS, derived from SPECpower
 * results: 0.74 W per logical CPU at idle and 3.5 W at full load. Per-logical-CPU figures scale from a 2-vCPU VM to
 * a large host without knowing the CPU model, which the estimate exists for (RAPL is missing in most VMs). They are
 * rough: configure measured idle/max watts (or the package TDP as max) when you know them.
 */
public record CpuPowerModel(double idleWatts, double maxWatts) {
    public static final double IDLE_WATTS_PER_LOGICAL_CPU = 0.74;
    public static final double MAX_WATTS_PER_LOGICAL_CPU = 3.5;

    public CpuPowerModel {
        if (!(idleWatts >= 0) || !(maxWatts >= idleWatts) || Double.isInfinite(maxWatts)) {
            throw new IllegalArgumentException("need 0 <= idleWatts <= maxWatts < inf, got idle=" + idleWatts
                    + " max=" + maxWatts);
        }
    }

    public static CpuPowerModel forLogicalCpus(int logicalCpus) {
        int n = Math.max(1, logicalCpus);
        return new CpuPowerModel(IDLE_WATTS_PER_LOGICAL_CPU * n, MAX_WATTS_PER_LOGICAL_CPU * n);
    }

    /** Watts at this utilization (clamped to 0..1); NaN stays NaN (absent is not zero). */
    public double watts(double utilization) {
        if (Double.isNaN(utilization)) return Double.NaN;
        double u = Math.min(1.0, Math.max(0.0, utilization));
        return idleWatts + (maxWatts - idleWatts) * u;
    }
}

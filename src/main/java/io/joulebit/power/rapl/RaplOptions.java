package io.joulebit.power.rapl;

/**
 * @param preferPsys       when a {@code psys} (platform) zone exists, report only it as device "system" and leave the
 *                         packages and dram out, since psys already contains them and a consumer sums devices. When
 *                         false, psys is ignored and packages + dram are reported.
 * @param assumedPeakWatts the most one zone can plausibly draw; sets how often a zone must be read so its counter cannot
 *                         wrap twice unseen (max_energy_range / this). 1000 W is above any current socket's short-term
 *                         limit, so the answer errs on the safe side (typical 262 kJ range → 262 s).
 */
public record RaplOptions(boolean preferPsys, double assumedPeakWatts) {
    public RaplOptions {
        if (!(assumedPeakWatts > 0) || Double.isInfinite(assumedPeakWatts)) {
            throw new IllegalArgumentException("assumedPeakWatts must be > 0, got " + assumedPeakWatts);
        }
    }

    public static RaplOptions defaults() { return new RaplOptions(true, 1000.0); }
}

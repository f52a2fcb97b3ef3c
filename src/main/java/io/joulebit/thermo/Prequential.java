package io.joulebit.thermo;

/**
 * Prequential information I_preq = Σ_k ΔD_k · (H − (L̄_k + L̄_{k−1})/2) (PHYSICS.md §2): the stabler variant of
 * I. The first point only initializes (D and L̄ before it are unknown). Not thread-safe.
 */
public final class Prequential {
    private boolean started;
    private long lastTokens;
    private double lastLossBits;
    private double bits;

    /**
     * Adds a point. Non-finite losses or baselines and points whose D went backwards are ignored (return false).
     */
    public boolean add(long tokens, double lossBits, double baselineBits) {
        if (!Double.isFinite(lossBits) || !Double.isFinite(baselineBits) || (started && tokens < lastTokens)) {
            return false;
        }
        if (started) {
            bits += (tokens - lastTokens) * (baselineBits - (lossBits + lastLossBits) / 2);
        }
        started = true;
        lastTokens = tokens;
        lastLossBits = lossBits;
        return true;
    }

    /** I_preq so far; absent (NO_TOKENS) before the first point. */
    public Figure bits() {
        return started ? Figure.of(bits) : Figure.absent(Flag.NO_TOKENS);
    }
}

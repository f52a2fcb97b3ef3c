package io.joulebit.thermo;

/**
 * Negentropy flux between two successive points (PHYSICS.md §5), from the smoothed loss L̄ (never the raw loss).
 * Both forms may be negative; neither is clamped.
 */
public final class NegentropyFlux {
    /** One observation: time on a monotonic clock, D, smoothed L̄ and H in bits/token. */
    public record Point(double tSeconds, long tokens, double lossBits, double baselineBits) {
    }

    private NegentropyFlux() {
    }

    /**
     * Total form Φ = (B_k − B_{k−1}) / (t_k − t_{k−1}) with B = D(H − L̄) − M. A constant M (MODEL_BITS) cancels;
     * c bits/token enters as −c·ΔD/Δt. Σ Φ·Δt telescopes to B exactly.
     */
    public static Figure total(Point prev, Point cur, ModelTerm term) {
        Figure invalid = invalid(prev, cur);
        if (invalid != null) {
            return invalid;
        }
        double c = term.kind() == ModelTerm.Kind.BITS_PER_TOKEN ? term.bitsPerToken() : 0;
        double bPrev = prev.tokens() * (prev.baselineBits() - prev.lossBits() - c);
        double bCur = cur.tokens() * (cur.baselineBits() - cur.lossBits() - c);
        return Figure.of((bCur - bPrev) / (cur.tSeconds() - prev.tSeconds()));
    }

    public static Figure total(Point prev, Point cur) {
        return total(prev, cur, ModelTerm.NONE);
    }

    /** Throughput form Φ_rate = ΔD/Δt · (H − (L̄_k + L̄_{k−1})/2), the rate of the prequential sum. */
    public static Figure throughput(Point prev, Point cur) {
        Figure invalid = invalid(prev, cur);
        if (invalid != null) {
            return invalid;
        }
        double rate = (double) (cur.tokens() - prev.tokens()) / (cur.tSeconds() - prev.tSeconds());
        return Figure.of(rate * (cur.baselineBits() - (cur.lossBits() + prev.lossBits()) / 2));
    }

    /** Second-law check Φ·k_B·ln 2 ≤ σ (σ in W/K). */
    public static boolean secondLawHolds(double fluxBitsPerSecond, double entropyProductionWattsPerKelvin) {
        return fluxBitsPerSecond * Physics.BOLTZMANN_J_PER_K * Physics.LN2 <= entropyProductionWattsPerKelvin;
    }

    private static Figure invalid(Point prev, Point cur) {
        double dt = cur.tSeconds() - prev.tSeconds();
        if (!(dt > 0) || !Double.isFinite(dt)) {
            return Figure.absent(Flag.NO_ELAPSED);
        }
        if (!Double.isFinite(prev.lossBits()) || !Double.isFinite(cur.lossBits())) {
            return Figure.absent(Flag.NAN_LOSS);
        }
        if (!Double.isFinite(prev.baselineBits()) || !Double.isFinite(cur.baselineBits())) {
            return Figure.absent(Flag.NO_BASELINE);
        }
        return null;
    }
}

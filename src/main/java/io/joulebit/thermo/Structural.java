package io.joulebit.thermo;

import java.util.Optional;

/**
 * Structural information (epiplexity, prequential estimate) and the prequential information, PHYSICS.md §2, read off
 * the loss curve's area A = Σ_k ΔD_k (L_k + L_{k−1})/2 over the window W = D_t − D_0:
 * <ul>
 *   <li>S = A − W · L̄_t — the code length of the tokens as they were predicted minus their code length under the
 *       model as it is now; no baseline H;</li>
 *   <li>I_preq = W · H − A = Σ_k ΔD_k (H − (L_k + L_{k−1})/2);</li>
 *   <li>E / S, absent (nonpositive_structural_bits) when S ≤ 0 — early in a run L̄ lags the raw loss and S may be
 *       negative; it is never clamped.</li>
 * </ul>
 * Both read the same A, so I_preq + S = W (H − L̄_t) holds on every output.
 */
public final class Structural {
    private Structural() {
    }

    /**
     * @param structuralBits              S [bits]
     * @param prequentialBits             I_preq [bits]
     * @param energyPerStructuralBitJoules E / S [J/bit]
     */
    public record Figures(Figure structuralBits, Figure prequentialBits, Figure energyPerStructuralBitJoules) {
    }

    /**
     * @param curve    the loss curve so far; empty before a point with both tokens and loss (no_loss_curve)
     * @param lossBar  L̄_t, the smoothed loss the run exports
     * @param baseline H
     * @param energy   E (the same figure, IT or facility, as every other energy figure)
     */
    public static Figures compute(Optional<PrequentialCurve> curve, Figure lossBar, Figure baseline, Figure energy) {
        Figure none = Figure.absent(Flag.NO_LOSS_CURVE);
        if (curve.isEmpty()) {
            return new Figures(none, none, none);
        }
        PrequentialCurve c = curve.get();
        double w = c.windowTokens();
        Figure s = lossBar.map(l -> c.areaBitTokens() - w * l);
        Figure preq = baseline.map(h -> w * h - c.areaBitTokens());
        return new Figures(s, preq, perBit(energy, s));
    }

    private static Figure perBit(Figure energy, Figure s) {
        if (!energy.present()) return energy;
        if (!s.present()) return s;
        if (s.value() <= 0) return Figure.absent(Flag.NONPOSITIVE_STRUCTURAL_BITS);
        return energy.value() > 0 ? Figure.of(energy.value() / s.value()) : Figure.absent(Flag.NO_ENERGY);
    }
}

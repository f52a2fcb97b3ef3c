package io.joulebit.thermo;

/**
 * The loss curve as the prequential figures of PHYSICS.md §2 need it: the area A = Σ_k ΔD_k · (L_k + L_{k−1})/2 under
 * the points (D_k, L_k) so far, L in bits/token as logged (not smoothed), and the token window [D_0, D_t] it covers.
 * The area holds no baseline, so S and I_preq are read off it with the current L̄ and H (see {@link Structural}),
 * which keeps I_preq + S = (D_t − D_0)(H − L̄_t) exact even while H is still being estimated.
 *
 * @param firstTokens   D_0, the token count at the first point
 * @param lastTokens    D_t, the token count at the latest point
 * @param lastLossBits  L of the latest point (the next trapezoid's left side)
 * @param areaBitTokens A in bit·tokens (bits)
 * @param points        points summed so far, across resumes
 * @param resumes       times the sum was continued from a stored checkpoint (agent restarts inside the window)
 */
public record PrequentialCurve(long firstTokens, long lastTokens, double lastLossBits, double areaBitTokens,
                               long points, long resumes) {
    public PrequentialCurve {
        if (firstTokens < 0 || lastTokens < firstTokens) {
            throw new IllegalArgumentException("token window [" + firstTokens + ", " + lastTokens + "] is not valid");
        }
        if (!Double.isFinite(lastLossBits) || !Double.isFinite(areaBitTokens)) {
            throw new IllegalArgumentException("loss " + lastLossBits + " and area " + areaBitTokens
                    + " must be finite");
        }
        if (points < 1 || resumes < 0) {
            throw new IllegalArgumentException("points " + points + " must be >= 1 and resumes " + resumes + " >= 0");
        }
    }

    /** D_t − D_0, the tokens the sum covers. */
    public long windowTokens() { return lastTokens - firstTokens; }
}

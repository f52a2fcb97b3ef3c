package io.joulebit.audit;

import java.util.Optional;

/**
 * Least-squares fit of loss vs tokens to a power law with an offset, L(D) = E + A·D^(−α) (E: the irreducible loss
 * the curve tends to). Two stages: a grid over E below the smallest loss, each with a linear fit of ln(L − E) on
 * ln D (closed form for A and α), keeps the E with the least squared error in loss space; then Levenberg–Marquardt
 * (Hipparchus, {@link PowerLawRefine}) refines (E, ln A, α) on the same loss-space error. Tokens are scaled by the
 * largest D so the normal equations stay well conditioned whatever the run's size.
 *
 * @param asymptoteBits E, bits/token
 * @param amplitude     A, in bits/token · tokens^α
 * @param exponent      α
 * @param rSquared      1 − SSE/SST in loss space
 * @param rmseBits      √(SSE/n), bits/token
 * @param points        points used (D &gt; 0, finite loss)
 * @param minTokens     smallest D used
 * @param maxTokens     largest D used
 */
public record PowerLawFit(double asymptoteBits, double amplitude, double exponent, double rSquared, double rmseBits,
                          int points, double minTokens, double maxTokens) {
    /** Fewest points for three parameters and one degree of freedom. */
    public static final int MIN_POINTS = 4;
    private static final int GRID = 400;
    private static final int MAX_ITERATIONS = 200;

    /** The loss the fit predicts at D tokens. */
    public double lossAt(double tokens) { return asymptoteBits + amplitude * Math.pow(tokens, -exponent); }

    /** Tokens at which the fitted curve reaches {@code lossBits}; NaN at or below the asymptote. */
    public double tokensFor(double lossBits) {
        double excess = lossBits - asymptoteBits;
        return excess > 0 && amplitude > 0 && exponent > 0 ? Math.pow(amplitude / excess, 1 / exponent) : Double.NaN;
    }

    /** Fits points (tokens[i], lossBits[i]); points with D ≤ 0 or a non-finite loss are skipped. */
    public static Optional<PowerLawFit> fit(double[] tokens, double[] lossBits) {
        int n = 0;
        for (int i = 0; i < tokens.length; i++) if (tokens[i] > 0 && Double.isFinite(lossBits[i])) n++;
        if (n < MIN_POINTS) return Optional.empty();
        double[] x = new double[n];
        double[] y = new double[n];
        double scale = 0;
        for (int i = 0, k = 0; i < tokens.length; i++) {
            if (tokens[i] > 0 && Double.isFinite(lossBits[i])) {
                x[k] = tokens[i];
                y[k++] = lossBits[i];
                scale = Math.max(scale, tokens[i]);
            }
        }
        double minX = Double.MAX_VALUE;
        double[] lx = new double[n];
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, x[i]);
            lx[i] = Math.log(x[i] / scale);
        }
        double[] p = gridStart(lx, y);
        if (p == null) return Optional.empty();
        p = PowerLawRefine.refine(p, lx, y, MAX_ITERATIONS);
        double sse = sse(p, lx, y);
        double mean = 0;
        for (double v : y) mean += v / n;
        double sst = 0;
        for (double v : y) sst += (v - mean) * (v - mean);
        double r2 = sst > 0 ? 1 - sse / sst : Double.NaN;
        // Back to raw tokens: A·(D/s)^(−α) = A·s^α · D^(−α).
        double amplitude = Math.exp(p[1] + p[2] * Math.log(scale));
        PowerLawFit f = new PowerLawFit(p[0], amplitude, p[2], r2, Math.sqrt(sse / n), n, minX, scale);
        return Double.isFinite(f.amplitude) && Double.isFinite(f.asymptoteBits) && Double.isFinite(f.exponent)
                ? Optional.of(f) : Optional.empty();
    }

    /** Parameters (E, ln A, α) on scaled tokens of the best grid point; null when no E gives a finite fit. */
    private static double[] gridStart(double[] lx, double[] y) {
        double minY = Double.MAX_VALUE;
        for (double v : y) minY = Math.min(minY, v);
        double lowE = Math.min(0, minY - 1);
        double[] best = null;
        double bestSse = Double.POSITIVE_INFINITY;
        for (int j = 0; j < GRID; j++) {
            double e = lowE + (minY - lowE) * j / GRID; // strictly below the smallest loss
            double[] p = logLinear(e, lx, y);
            if (p == null) continue;
            double s = sse(p, lx, y);
            if (s < bestSse) {
                bestSse = s;
                best = p;
            }
        }
        return best;
    }

    /** Ordinary least squares of ln(y − e) on lx: slope −α, intercept ln A. */
    private static double[] logLinear(double e, double[] lx, double[] y) {
        int n = y.length;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            double ly = Math.log(y[i] - e);
            sx += lx[i];
            sy += ly;
            sxx += lx[i] * lx[i];
            sxy += lx[i] * ly;
        }
        double den = n * sxx - sx * sx;
        if (!(Math.abs(den) > 1e-300)) return null;
        double slope = (n * sxy - sx * sy) / den;
        double intercept = (sy - slope * sx) / n;
        return Double.isFinite(slope) && Double.isFinite(intercept) ? new double[]{e, intercept, -slope} : null;
    }

    static double sse(double[] p, double[] lx, double[] y) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double r = y[i] - model(p, lx[i]);
            s += r * r;
        }
        return Double.isFinite(s) ? s : Double.POSITIVE_INFINITY;
    }

    static double model(double[] p, double lx) { return p[0] + Math.exp(p[1] - p[2] * lx); }
}

package io.joulebit.audit;

/**
 * Levenberg–Marquardt for the three parameters (E, ln A, α) of {@link PowerLawFit} on log-scaled tokens: minimises
 * Σ (y − E − e^(ln A − α·lx))². Small and specific on purpose: a 3×3 damped normal system per step.
 */
final class LevenbergMarquardt {
    private LevenbergMarquardt() {}

    static double[] refine(double[] start, double[] lx, double[] y, int maxIterations) {
        double[] p = start.clone();
        double cost = PowerLawFit.sse(p, lx, y);
        double lambda = 1e-3;
        for (int it = 0; it < maxIterations; it++) {
            double[][] jtj = new double[3][3];
            double[] jtr = new double[3];
            for (int i = 0; i < y.length; i++) {
                double t = Math.exp(p[1] - p[2] * lx[i]);
                double[] g = {1, t, -lx[i] * t};
                double r = y[i] - (p[0] + t);
                for (int a = 0; a < 3; a++) {
                    jtr[a] += g[a] * r;
                    for (int b = 0; b < 3; b++) jtj[a][b] += g[a] * g[b];
                }
            }
            boolean improved = false;
            while (lambda < 1e12) {
                double[][] m = new double[3][3];
                for (int a = 0; a < 3; a++) {
                    m[a] = jtj[a].clone();
                    m[a][a] += lambda * Math.max(jtj[a][a], 1e-12);
                }
                double[] step = solve(m, jtr);
                if (step != null) {
                    double[] q = {p[0] + step[0], p[1] + step[1], p[2] + step[2]};
                    double c = PowerLawFit.sse(q, lx, y);
                    if (c < cost) {
                        boolean converged = cost - c <= 1e-15 * Math.max(cost, 1e-300);
                        p = q;
                        cost = c;
                        lambda = Math.max(lambda / 10, 1e-12);
                        improved = !converged;
                        break;
                    }
                }
                lambda *= 10;
            }
            if (!improved) break;
        }
        return p;
    }

    /** Solves the 3×3 system by Gaussian elimination with partial pivoting; null when singular. */
    static double[] solve(double[][] a, double[] b) {
        int n = 3;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
            if (!(Math.abs(m[pivot][c]) > 1e-300)) return null;
            double[] tmp = m[c];
            m[c] = m[pivot];
            m[pivot] = tmp;
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k <= n; k++) m[r][k] -= f * m[c][k];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int k = r + 1; k < n; k++) s -= m[r][k] * x[k];
            x[r] = s / m[r][r];
        }
        for (double v : x) if (!Double.isFinite(v)) return null;
        return x;
    }
}

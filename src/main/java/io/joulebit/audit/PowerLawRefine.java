package io.joulebit.audit;

import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;

/**
 * Levenberg–Marquardt refinement (Hipparchus) of the three parameters (E, ln A, α) of {@link PowerLawFit} on
 * log-scaled tokens: minimises Σ (y − E − e^(ln A − α·lx))² from the grid's start, with the analytic Jacobian.
 * The start is kept when the optimizer gives up (evaluation limit, singular problem) or does not improve on it.
 */
final class PowerLawRefine {
    private PowerLawRefine() {}

    static double[] refine(double[] start, double[] lx, double[] y, int maxIterations) {
        int n = y.length;
        LeastSquaresProblem problem = new LeastSquaresBuilder()
                .start(start)
                .target(y)
                .model(point -> {
                    double[] p = point.toArray();
                    double[] value = new double[n];
                    double[][] jacobian = new double[n][];
                    for (int i = 0; i < n; i++) {
                        double t = Math.exp(p[1] - p[2] * lx[i]);
                        value[i] = p[0] + t;
                        jacobian[i] = new double[]{1, t, -lx[i] * t};
                    }
                    return new Pair<>(new ArrayRealVector(value, false), new Array2DRowRealMatrix(jacobian, false));
                })
                .maxIterations(maxIterations)
                .maxEvaluations(maxIterations * 10)
                .build();
        try {
            double[] p = new LevenbergMarquardtOptimizer().optimize(problem).getPoint().toArray();
            return PowerLawFit.sse(p, lx, y) < PowerLawFit.sse(start, lx, y) ? p : start;
        } catch (MathRuntimeException e) {
            return start;
        }
    }
}

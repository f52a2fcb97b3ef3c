package io.joulebit.thermo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The PHYSICS.md §9 vectors are printed ROUNDED (mostly to 4 significant digits). We compute exactly and assert
 * that our value rounds to the printed one at the printed precision: a relative tolerance of about half a unit in
 * the last shown digit, the tightest the vectors allow.
 */
public final class Rounded {
    private Rounded() {
    }

    public static void assertRoundsTo(double actual, String shown) {
        BigDecimal expected = new BigDecimal(shown);
        MathContext mc = new MathContext(expected.precision(), RoundingMode.HALF_EVEN);
        BigDecimal rounded = new BigDecimal(actual).round(mc);
        assertThat(rounded.compareTo(expected))
                .as("%s should round to %s at %d significant digits (got %s)", actual, shown, mc.getPrecision(),
                        rounded.toEngineeringString())
                .isZero();
    }

    /** Relative closeness, for exact identities and for comparing two computations of the same figure. */
    public static void assertRelClose(double actual, double expected, double relTol) {
        assertThat(Math.abs(actual - expected))
                .as("%s vs %s (rel tol %s)", actual, expected, relTol)
                .isLessThanOrEqualTo(relTol * Math.max(Math.abs(expected), Double.MIN_NORMAL));
    }
}

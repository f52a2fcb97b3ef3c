package io.joulebit.thermo;

import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.DoubleUnaryOperator;

/**
 * One exported number: a finite double, or absent with the {@link Flag} saying why. NaN and ±Inf never leave
 * thermo: {@link #of(double)} turns them into an absent figure.
 *
 * @param value  the value; read it only when {@link #present()} (the accessor throws otherwise)
 * @param reason null when present, else why the figure is undefined
 */
public record Figure(double value, Flag reason) {
    public Figure {
        if (reason == null && !Double.isFinite(value)) {
            throw new IllegalArgumentException("a present figure must be finite: " + value);
        }
        if (reason != null) {
            value = Double.NaN;
        }
    }

    /** value if finite, else absent with {@link Flag#NON_FINITE}. */
    public static Figure of(double value) {
        return of(value, Flag.NON_FINITE);
    }

    /** value if finite, else absent with the given reason. */
    public static Figure of(double value, Flag ifNonFinite) {
        return Double.isFinite(value) ? new Figure(value, null) : absent(ifNonFinite);
    }

    public static Figure absent(Flag reason) {
        return new Figure(Double.NaN, Objects.requireNonNull(reason, "reason"));
    }

    public boolean present() {
        return reason == null;
    }

    @Override
    public double value() {
        if (reason != null) {
            throw new NoSuchElementException("figure absent: " + reason.label());
        }
        return value;
    }

    public OptionalDouble optional() {
        return present() ? OptionalDouble.of(value) : OptionalDouble.empty();
    }

    public double orElse(double other) {
        return present() ? value : other;
    }

    /** Applies f to a present value (a non-finite result becomes absent NON_FINITE); absent stays absent. */
    public Figure map(DoubleUnaryOperator f) {
        return present() ? of(f.applyAsDouble(value)) : this;
    }

    @Override
    public String toString() {
        return present() ? Double.toString(value) : "absent(" + reason.label() + ")";
    }
}

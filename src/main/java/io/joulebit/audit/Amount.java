package io.joulebit.audit;

import io.joulebit.thermo.Figure;

import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

/**
 * A report number: finite, or absent with a reason. Like thermo's {@link Figure}, but the reason is free text so the
 * audit can say things thermo has no flag for ("grid_intensity_not_given", "simulated_not_a_measurement").
 *
 * @param reason "" when present
 */
public record Amount(double value, String reason) {
    public Amount {
        Objects.requireNonNull(reason, "reason");
        if (reason.isEmpty() && !Double.isFinite(value)) throw new IllegalArgumentException("non-finite " + value);
        if (!reason.isEmpty()) value = Double.NaN;
    }

    public static Amount of(double v) { return Double.isFinite(v) ? new Amount(v, "") : absent("non_finite"); }

    public static Amount of(Figure f) { return f.present() ? of(f.value()) : absent(f.reason().label()); }

    public static Amount absent(String reason) { return new Amount(Double.NaN, reason); }

    public boolean present() { return reason.isEmpty(); }

    public double orNaN() { return value; }

    public Amount map(DoubleUnaryOperator f) { return present() ? of(f.applyAsDouble(value)) : this; }

    /** this × other, absent with the first absent operand's reason. */
    public Amount times(Amount other) {
        if (!present()) return this;
        return other.present() ? of(value * other.value) : other;
    }
}

package io.joulebit.audit;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The user's choices for one audit.
 *
 * @param targetLossBits target loss for the forecast, bits/token
 * @param gramsPerKwh    grid carbon intensity, gCO2e/kWh
 * @param pricePerKwh    energy price per kWh, in the user's currency
 */
public record AuditSettings(OptionalDouble targetLossBits, OptionalDouble gramsPerKwh, OptionalDouble pricePerKwh) {
    public static final AuditSettings NONE =
            new AuditSettings(OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty());

    public AuditSettings {
        Objects.requireNonNull(targetLossBits, "targetLossBits");
        Objects.requireNonNull(gramsPerKwh, "gramsPerKwh");
        Objects.requireNonNull(pricePerKwh, "pricePerKwh");
    }
}

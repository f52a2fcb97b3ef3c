package io.joulebit.audit;

import java.util.OptionalDouble;

/** Carbon (gCO2e from a grid intensity in gCO2e/kWh) and cost (price per kWh) of an energy in joules. */
public final class EnergyPrice {
    public static final double JOULES_PER_KWH = 3.6e6;
    static final String NO_INTENSITY = "grid_intensity_not_given";
    static final String NO_PRICE = "price_not_given";

    private EnergyPrice() {}

    public static Amount kilowattHours(Amount joules) { return joules.map(j -> j / JOULES_PER_KWH); }

    public static Amount carbonGrams(Amount joules, OptionalDouble gramsPerKwh) {
        return per(joules, gramsPerKwh, NO_INTENSITY);
    }

    public static Amount cost(Amount joules, OptionalDouble pricePerKwh) { return per(joules, pricePerKwh, NO_PRICE); }

    private static Amount per(Amount joules, OptionalDouble ratePerKwh, String missing) {
        if (ratePerKwh.isEmpty()) return Amount.absent(missing);
        return kilowattHours(joules).map(kwh -> kwh * ratePerKwh.getAsDouble());
    }
}

package io.joulebit.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Tokens, energy, carbon and cost to reach a target loss, projected along the fitted power law at the run's measured
 * energy per token. Refuses (and says why, every reason that applies) rather than extrapolate from a weak basis.
 *
 * @param status      projected | refused | not_requested
 * @param refusals    why it refused (empty unless refused)
 * @param tokens      D* where the fitted curve reaches the target
 * @param remaining   D* − D so far (0 when the target is already behind the run)
 */
public record Forecast(String status, OptionalDouble targetLossBits, List<Refusal> refusals, Amount tokens,
                       Amount remaining, Amount energyJoules, Amount remainingEnergyJoules, Amount carbonGrams,
                       Amount remainingCarbonGrams, Amount cost, Amount remainingCost) {
    /** Refusal thresholds (documented in the reports). */
    public static final double MIN_R_SQUARED = 0.9;
    public static final int MIN_POINTS = 8;
    public static final double MAX_EXTRAPOLATION = 100;

    public record Refusal(String code, String message) {}

    public Forecast {
        refusals = List.copyOf(refusals);
    }

    /**
     * @param tokensSoFar       D of the run
     * @param joulesPerToken    the run's measured E/D (facility energy)
     * @param gramsPerKwh       grid intensity, when given
     * @param pricePerKwh       price, when given
     */
    public static Forecast of(Optional<PowerLawFit> fit, int pointsAvailable, OptionalDouble target,
                              Amount tokensSoFar, Amount joulesPerToken, OptionalDouble gramsPerKwh,
                              OptionalDouble pricePerKwh) {
        Amount none = Amount.absent("not_requested");
        if (target.isEmpty()) return new Forecast("not_requested", target, List.of(), none, none, none, none, none,
                none, none, none);
        double t = target.getAsDouble();
        List<Refusal> why = new ArrayList<>();
        if (fit.isEmpty() || fit.get().points() < MIN_POINTS) {
            why.add(new Refusal("too_few_points", String.format(Locale.ROOT,
                    "%d usable loss points (tokens > 0, finite loss); at least %d are needed", 
                    fit.map(PowerLawFit::points).orElse(pointsAvailable), MIN_POINTS)));
        }
        double dStar = Double.NaN;
        if (fit.isPresent()) {
            PowerLawFit f = fit.get();
            if (!(f.rSquared() >= MIN_R_SQUARED)) {
                why.add(new Refusal("poor_fit", String.format(Locale.ROOT,
                        "the power law explains too little of the loss curve: R² = %.3f < %.2f", f.rSquared(),
                        MIN_R_SQUARED)));
            }
            if (!(t > f.asymptoteBits())) {
                why.add(new Refusal("target_below_asymptote", String.format(Locale.ROOT,
                        "target %.4g bits/token is at or below the fitted asymptote E = %.4g bits/token: the curve"
                                + " never gets there", t, f.asymptoteBits())));
            } else {
                dStar = f.tokensFor(t);
                if (!(dStar <= MAX_EXTRAPOLATION * f.maxTokens())) {
                    why.add(new Refusal("beyond_data_range", String.format(Locale.ROOT,
                            "reaching %.4g bits/token needs %.3g tokens, more than %.0f× the %.3g tokens observed",
                            t, dStar, MAX_EXTRAPOLATION, f.maxTokens())));
                }
            }
        }
        if (!why.isEmpty()) {
            Amount refused = Amount.absent("refused");
            return new Forecast("refused", target, why, refused, refused, refused, refused, refused, refused,
                    refused, refused);
        }
        Amount tokens = Amount.of(dStar);
        double so = tokensSoFar.present() ? tokensSoFar.value() : 0;
        Amount remaining = tokens.map(d -> Math.max(0, d - so));
        Amount energy = tokens.times(joulesPerToken);
        Amount remainingEnergy = remaining.times(joulesPerToken);
        return new Forecast("projected", target, List.of(), tokens, remaining, energy, remainingEnergy,
                EnergyPrice.carbonGrams(energy, gramsPerKwh), EnergyPrice.carbonGrams(remainingEnergy, gramsPerKwh),
                EnergyPrice.cost(energy, pricePerKwh), EnergyPrice.cost(remainingEnergy, pricePerKwh));
    }

    /** One sentence for the reports. */
    public String summary() {
        return switch (status) {
            case "not_requested" -> "No --target-loss given: no projection.";
            case "refused" -> "Refused to extrapolate: " + String.join("; ",
                    refusals.stream().map(Refusal::message).toList()) + ".";
            default -> "Projected along the fitted power law at the run's measured energy per token.";
        };
    }
}

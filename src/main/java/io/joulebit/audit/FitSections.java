package io.joulebit.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** The loss-curve fit and forecast tables of an {@link Audit}. */
public final class FitSections {
    public static final String FIT = "fit", FORECAST = "forecast";

    private FitSections() {}

    public static List<Section> of(Audit a) { return List.of(fit(a), forecast(a)); }

    private static Section fit(Audit a) {
        Optional<PowerLawFit> fit = a.fit();
        List<FigureRow> rows = new ArrayList<>();
        rows.add(FigureRow.of("fit_points", "points used", "", Amount.of(fit.map(PowerLawFit::points)
                .orElse(a.loss().size()))));
        rows.add(row(fit, "fit_min_tokens", "first tokens used", "tokens", PowerLawFit::minTokens));
        rows.add(row(fit, "fit_max_tokens", "last tokens used", "tokens", PowerLawFit::maxTokens));
        rows.add(row(fit, "fit_asymptote_bits", "asymptote E", "bits/token", PowerLawFit::asymptoteBits));
        rows.add(row(fit, "fit_amplitude", "amplitude A", "bits/token·tokens^α", PowerLawFit::amplitude));
        rows.add(row(fit, "fit_exponent", "exponent α", "", PowerLawFit::exponent));
        rows.add(row(fit, "fit_r_squared", "R²", "", PowerLawFit::rSquared));
        rows.add(row(fit, "fit_rmse_bits", "RMSE", "bits/token", PowerLawFit::rmseBits));
        List<String> notes = new ArrayList<>();
        notes.add("L(D) = E + A·D^(−α), least squares on the loss in bits (grid over E with a log-space linear fit,"
                + " refined by Levenberg–Marquardt); points from the " + a.loss().source() + ".");
        if (fit.isEmpty()) {
            notes.add(String.format(Locale.ROOT, "No fit: %d usable points (tokens > 0, finite loss); at least %d"
                    + " are needed.", a.loss().size(), PowerLawFit.MIN_POINTS));
        }
        return new Section(FIT, "Loss-curve fit", rows, notes);
    }

    private static Section forecast(Audit a) {
        Forecast f = a.forecast();
        List<FigureRow> rows = new ArrayList<>();
        rows.add(FigureRow.of("target_loss_bits", "target loss", "bits/token",
                AuditSections.opt(f.targetLossBits(), "not_requested")));
        rows.add(FigureRow.of("forecast_tokens", "tokens to reach the target", "tokens", f.tokens()));
        rows.add(FigureRow.of("forecast_remaining_tokens", "tokens still to train", "tokens", f.remaining()));
        rows.add(FigureRow.of("forecast_energy_joules", "energy to reach the target", "J", f.energyJoules()));
        rows.add(FigureRow.of("forecast_remaining_energy_joules", "energy still to spend", "J",
                f.remainingEnergyJoules()));
        rows.add(FigureRow.of("forecast_carbon_grams", "carbon to reach the target", "gCO2e", f.carbonGrams()));
        rows.add(FigureRow.of("forecast_remaining_carbon_grams", "carbon still to emit", "gCO2e",
                f.remainingCarbonGrams()));
        rows.add(FigureRow.of("forecast_cost", "cost to reach the target", "currency", f.cost()));
        rows.add(FigureRow.of("forecast_remaining_cost", "cost still to pay", "currency", f.remainingCost()));
        List<String> notes = new ArrayList<>();
        notes.add(f.summary());
        notes.add(String.format(Locale.ROOT, "Refuses when: fewer than %d points, R² < %.2f, target at or below the"
                + " fitted asymptote E, or a projection beyond %.0f× the observed tokens. Energy uses the run's"
                + " measured energy per token.", Forecast.MIN_POINTS, Forecast.MIN_R_SQUARED,
                Forecast.MAX_EXTRAPOLATION));
        return new Section(FORECAST, "Forecast to the target loss", rows, notes);
    }

    private static FigureRow row(Optional<PowerLawFit> fit, String key, String label, String unit,
                                 ToDoubleFunction<PowerLawFit> get) {
        return FigureRow.of(key, label, unit, fit.map(x -> Amount.of(get.applyAsDouble(x)))
                .orElse(Amount.absent("no_fit")));
    }
}

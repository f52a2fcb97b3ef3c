package io.joulebit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joulebit.thermo.Baseline;
import io.joulebit.thermo.Figure;
import io.joulebit.thermo.Flag;
import io.joulebit.thermo.ThermoFigures;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/** Renders the figures of {@code joulebit calc} as one JSON object or an aligned text table. */
final class CalcReport {

    /** One output line: JSON key, human label, unit. */
    private record Row(String key, String label, String unit, Figure figure) {
    }

    private final OptionalLong tokens;
    private final List<Row> rows;
    private final EnumSet<Flag> flags = EnumSet.noneOf(Flag.class);
    private final double pue;
    private final String baselineMethod;

    CalcReport(OptionalLong tokens, double pue, Baseline baseline, ThermoFigures f) {
        this.tokens = tokens;
        this.pue = pue;
        this.baselineMethod = baseline.method().label();
        this.rows = List.of(
                new Row("tokens", "tokens D", "tokens", tokens.isPresent() ? Figure.of(tokens.getAsLong())
                        : Figure.absent(Flag.NO_TOKENS)),
                new Row("energy_joules", "energy E (IT x PUE)", "J", f.energyJoules()),
                new Row("loss_bits", "loss L", "bits/token", f.lossBits()),
                new Row("baseline_bits", "baseline H", "bits/token", f.baselineBits()),
                new Row("delta_bits_per_token", "loss decrease H - L", "bits/token", f.deltaBitsPerToken()),
                new Row("information_bits", "information learned B (net)", "bits", f.netInformationBits()),
                new Row("information_capacity_ratio", "information capacity I/N_bits", "ratio",
                        f.informationCapacityRatio()),
                new Row("information_bits_per_parameter", "information per parameter", "bits/param",
                        f.informationBitsPerParameter()),
                new Row("landauer_min_energy_joules", "Landauer minimum E_min", "J", f.landauerMinEnergyJoules()),
                new Row("landauer_efficiency_ratio", "Landauer efficiency E_min/E", "ratio",
                        f.landauerEfficiencyRatio()),
                new Row("energy_per_bit_joules", "energy per bit C", "J/bit", f.energyPerBitJoules()),
                new Row("landauer_multiple", "multiple of Landauer limit", "x", f.landauerMultiple()),
                new Row("energy_per_token_joules", "energy per token", "J/token", f.energyPerTokenJoules()),
                new Row("tokens_per_joule", "tokens per joule", "tokens/J", f.tokensPerJoule()),
                new Row("temperature_kelvin", "temperature T", "K", f.temperatureKelvin()),
                new Row("flops_estimate", "training FLOPs 6*N*D", "FLOP", f.flopsEstimate()),
                new Row("joules_per_flop", "energy per FLOP", "J/FLOP", f.joulesPerFlop()),
                new Row("breakeven_inference_tokens", "break-even inference tokens", "tokens",
                        f.breakevenInferenceTokens()));
        // Only the reasons of figures shown here, plus warnings: no_elapsed etc. would explain nothing.
        for (Row r : rows) {
            if (!r.figure().present()) {
                flags.add(r.figure().reason());
            }
        }
        f.flags().stream().filter(Flag::warning).forEach(flags::add);
    }

    String json() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (Row r : rows) {
            if (!r.figure().present()) {
                o.putNull(r.key());
            } else if (r.key().equals("tokens")) {
                o.put(r.key(), tokens.getAsLong());
            } else {
                o.put(r.key(), r.figure().value());
            }
        }
        ArrayNode a = o.putArray("flags");
        flags.forEach(fl -> a.add(fl.label()));
        return o.toString();
    }

    String text() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "joulebit calc  (energy = IT energy x PUE %s; baseline: %s)%n",
                number(pue), baselineMethod));
        for (Row r : rows) {
            Figure f = r.figure();
            String value = !f.present() ? "n/a"
                    : r.key().equals("tokens") ? Long.toString(tokens.getAsLong()) : number(f.value());
            String reason = f.present() ? "" : "  (" + f.reason().label() + ")";
            sb.append(String.format(Locale.ROOT, "  %-32s %14s  %s%s%n", r.label(), value, r.unit(), reason));
        }
        StringBuilder names = new StringBuilder();
        flags.forEach(fl -> names.append(names.length() == 0 ? "" : ", ").append(fl.label()));
        sb.append("flags: ").append(flags.isEmpty() ? "none" : names).append(System.lineSeparator());
        return sb.toString();
    }

    /** Six significant digits; plain between 1e-3 and 1e6, scientific outside. */
    static String number(double v) {
        double a = Math.abs(v);
        if (v == 0) {
            return "0";
        }
        if (a >= 1e-3 && a < 1e6) {
            return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.5e", v);
    }
}

package io.joulebit.cli;

import io.joulebit.thermo.Thermo;
import io.joulebit.thermo.ThermoFigures;
import org.apache.commons.cli.Options;

import java.io.PrintWriter;
import java.util.List;

/**
 * {@code joulebit calc}: the figures of PHYSICS.md from run totals, offline. The interface, verbatim from its spec
 * (others script against it):
 * <pre>
 * `--tokens N`; `--energy VALUE` with unit suffix J,kJ,MJ,GJ,Wh,kWh,MWh,GWh (e.g. `1287MWh`, `4.6e12J`); `--pue X`
 * (default 1; figures use energy × PUE). Loss: `--loss X` with `--loss-unit nats|bits` (default nats), or
 * `--perplexity X`. Baseline H: `--baseline-bits X` | `--baseline-nats X` | `--vocab-size V` (uniform); exactly one
 * required. `--params N`, `--bits-per-param B` (default 16), `--model-bits-per-token C` (default 0),
 * `--temperature-kelvin T` (default 300), `--inference-joules-per-token X` (optional). `--format text|json` (default
 * text). Numbers accept scientific notation (`1.75e11`, also for --tokens and --params).
 * JSON: one object; snake_case keys: tokens, energy_joules, loss_bits, baseline_bits, delta_bits_per_token,
 * information_bits, information_capacity_ratio, information_bits_per_parameter, landauer_min_energy_joules,
 * landauer_efficiency_ratio, energy_per_bit_joules, landauer_multiple, energy_per_token_joules, tokens_per_joule,
 * temperature_kelvin, flops_estimate, joules_per_flop, breakeven_inference_tokens; an undefined figure is null and a
 * `flags` array names why (e.g. no_energy, nonpositive_bits). information_bits is the NET count after the model term;
 * landauer_min_energy_joules uses it. Figures needing --params are null without it (flag no_params).
 * Text: an aligned table with units, readable by a person. Bad input (negative or non-numeric values, unknown unit,
 * two loss flags, missing baseline) → exit 2 and ONE LINE PER PROBLEM naming the flag (collect all problems, not
 * just the first). `--help` documents every flag with its unit and default. Use Jackson for JSON.
 * </pre>
 * Choices made here: the JSON is one line; {@code flags} lists the reasons of the null figures shown plus warnings
 * (loss_above_baseline, landauer_unit_suspect); an energy without a unit is rejected; PUE must be &ge; 1.
 */
public final class CalcCommand implements CliCommand {
    @Override
    public String name() {
        return "calc";
    }

    @Override
    public List<String> description() {
        return List.of("Information-thermodynamic figures of a training run from its totals: information learned, "
                        + "energy per bit, Landauer efficiency, IC-1 capacity (see PHYSICS.md).",
                "Give tokens, energy, a loss (--loss or --perplexity) and exactly one baseline "
                        + "(--baseline-bits, --baseline-nats or --vocab-size). Undefined figures are null "
                        + "and the flags say why.");
    }

    @Override
    public Options options() {
        return CalcOptions.options();
    }

    @Override
    public List<String> footer() {
        return List.of("Example: joulebit calc --tokens 2e9 --energy 1287MWh --loss 3.2\n"
                + "           --baseline-nats 10.8 --params 124e6 --format json");
    }

    @Override
    public int run(Args a, PrintWriter out, PrintWriter err) {
        CalcOptions options = CalcOptions.from(a);
        CalcInputs in = CalcInputs.parse(options);
        if (!in.problems().isEmpty()) {
            in.problems().forEach(p -> err.println("joulebit calc: " + p));
            return Main.USAGE;
        }
        ThermoFigures figures = Thermo.compute(in.inputs());
        CalcReport report = new CalcReport(in.inputs().tokens(), in.inputs().pue(), in.baseline(), figures);
        if (in.json()) {
            out.println(report.json());
        } else {
            out.print(report.text());
        }
        return Main.OK;
    }
}

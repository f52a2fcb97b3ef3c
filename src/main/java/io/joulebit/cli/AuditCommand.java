package io.joulebit.cli;

import io.joulebit.audit.Audit;
import io.joulebit.audit.AuditException;
import io.joulebit.audit.AuditSettings;
import io.joulebit.audit.AuditWriter;
import io.joulebit.audit.ComparisonReport;
import io.joulebit.store.StoreOptions;
import io.joulebit.thermo.Units;
import org.apache.commons.cli.Options;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * {@code joulebit audit --run ID [--run ID2 …] [--store PATH] --out DIR [--target-loss X] [--grid-intensity G] [--price P]}: the
 * post-run report (report.html with charts, report.md, report.json) of a stored run. Reads the store through a
 * read-only connection: auditing never modifies it.
 */
public final class AuditCommand implements CliCommand {
    @Override
    public String name() {
        return "audit";
    }

    @Override
    public List<String> description() {
        return List.of("Post-run report of a stored run: report.html (self-contained page with charts), report.md"
                        + " and report.json (every figure with its unit, range and flags) in --out.",
                "Energy ranges come from each device's source quality (counter ±2 %, integrated ±5 %, estimated"
                        + " ±30 %, simulated: not a measurement). The loss curve is fitted to L(D) = E + A·D^(−α);"
                        + " with --target-loss the tokens, energy and carbon to reach it are projected, or the"
                        + " projection is refused (fewer than 8 points, R² < 0.9, target at or below E, or more than"
                        + " 100× the observed tokens) and the reports say why.");
    }

    @Override
    public Options options() {
        return new OptionList()
                .required("run", "ID", "Run id (see `joulebit runs`); give it more than once to compare runs side"
                        + " by side (compare.html, compare.md, compare.json).")
                .value("store", "PATH", "Store file, opened read-only (default: " + StoreOptions.DEFAULT_PATH + ").")
                .required("out", "DIR", "Directory for report.html, report.md and report.json (created when missing).")
                .value("target-loss", "X", "Target training loss in BITS per token"
                        + " (nats / ln 2; fairseq logs bits) for the forecast: tokens, energy and carbon to reach it. > 0.")
                .value("grid-intensity", "G",
                        "Grid carbon intensity in gCO2e/kWh, for carbon figures (e.g. 350). >= 0.")
                .value("price", "P", "Energy price per kWh in your currency, for cost figures (e.g. 0.25). >= 0.")
                .get();
    }

    @Override
    public List<String> footer() {
        return List.of("""
                Exit codes:
                  0   reports written
                  1   store missing or unreadable, or the reports cannot be written
                  2   usage error or unknown run id (the known ones are listed)""",
                "Example: joulebit audit --run 20261122T081500Z-3f9a --out audit/\n"
                        + "           --target-loss 3.2 --grid-intensity 350 --price 0.25");
    }

    @Override
    public int run(Args a, PrintWriter out, PrintWriter err) {
        List<String> runs = a.strings("run");
        Path store = a.path("store", StoreOptions.DEFAULT_PATH);
        Path dir = a.path("out");
        List<String> problems = new ArrayList<>();
        OptionalDouble target = number("--target-loss", a.string("target-loss"), true, problems);
        OptionalDouble grid = number("--grid-intensity", a.string("grid-intensity"), false, problems);
        OptionalDouble perKwh = number("--price", a.string("price"), false, problems);
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println("joulebit audit: " + p));
            return Main.USAGE;
        }
        return Report.write(store, runs, new AuditSettings(target, grid, perKwh), dir, out, err);
    }

    /** Apart from the command: creating `audit` (for the root's help) loads no audit class. */
    private static final class Report {
        static int write(Path store, List<String> runs, AuditSettings settings, Path out, PrintWriter o,
                         PrintWriter err) {
            try {
                if (runs.size() > 1) {
                    AuditWriter.compare(store, runs, settings, out);
                    o.println("wrote " + out.resolve(ComparisonReport.HTML) + ", " + ComparisonReport.MARKDOWN + ", "
                            + ComparisonReport.JSON + " comparing " + String.join(", ", runs));
                    o.flush();
                    return Main.OK;
                }
                Audit audit = AuditWriter.write(store, runs.get(0), settings, out);
                o.println("wrote " + out.resolve(AuditWriter.HTML) + ", " + AuditWriter.MARKDOWN + ", "
                        + AuditWriter.JSON);
                o.println(audit.forecast().summary());
                audit.notes().forEach(n -> o.println("note: " + n));
                o.flush();
                return Main.OK;
            } catch (AuditException e) {
                err.println("joulebit audit: " + e.getMessage());
                err.flush();
                return e.exitCode();
            }
        }
    }

    /** A finite number (> 0 when strict, else >= 0), or one problem line naming the flag. */
    private static OptionalDouble number(String flag, String text, boolean strict, List<String> problems) {
        if (text == null) return OptionalDouble.empty();
        try {
            double v = Units.parseNumber(text);
            if (strict ? v > 0 : v >= 0) return OptionalDouble.of(v);
            problems.add(flag + ": Expecting a number " + (strict ? "> 0" : ">= 0") + ". Found: " + text);
        } catch (IllegalArgumentException e) {
            problems.add(flag + ": " + e.getMessage());
        }
        return OptionalDouble.empty();
    }
}

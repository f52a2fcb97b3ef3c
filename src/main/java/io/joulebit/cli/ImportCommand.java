package io.joulebit.cli;

import io.joulebit.importer.DeviceTrace;
import io.joulebit.importer.EnergyPreset;
import io.joulebit.importer.EnergyReader;
import io.joulebit.importer.ImportException;
import io.joulebit.importer.LogSteps;
import io.joulebit.importer.PromClient;
import io.joulebit.importer.RunImporter;
import io.joulebit.importer.RunWindow;
import io.joulebit.importer.StepTimeline;
import io.joulebit.progress.format.FormatOptions;
import io.joulebit.run.DeviceReading;
import io.joulebit.store.RunIds;
import io.joulebit.store.StoreOptions;
import org.apache.commons.cli.Options;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code joulebit import}: a run that joulebit never watched, from its log and the Prometheus that scraped its
 * machines, written to the store so that {@code audit} and {@code runs} treat it like a live run.
 */
public final class ImportCommand implements CliCommand {
    private Path log;
    private String format;
    private String prometheus;
    private String energy;
    private String unit;
    private String selector;
    private String from;
    private String to;
    private double step;
    private String runId;
    private String params;
    private Path store;
    private String user;
    private String passwordEnv;
    private String tokenEnv;
    private Path ca;
    private double timeout;

    @Override
    public String name() {
        return "import";
    }

    @Override
    public List<String> description() {
        return List.of("Import a past run: steps from its log (the same parsers as `run --log`), energy per device "
                        + "from a Prometheus that scraped the machines. Then `joulebit audit --run ID` reports it.",
                "--energy presets: dcgm (DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION mJ counter; DCGM_FI_DEV_POWER_USAGE W "
                        + "where the counter is missing), kepler (kepler_node_cpu_joules_total package+dram, "
                        + "kepler_node_gpu_joules_total), node-rapl (node_rapl_package/dram_joules_total), "
                        + "nvidia-gpu-exporter (nvidia_smi_power_draw_watts, integrated), joulebit "
                        + "(joulebit_device_energy_joules_total), promql:EXPR with --unit.");
    }

    @Override
    public Options options() {
        return ImportOptions.options();
    }

    @Override
    public List<String> footer() {
        return ImportOptions.FOOTER;
    }

    @Override
    public int run(Args a, PrintWriter out, PrintWriter err) {
        log = a.path("log");
        format = a.string("format", "auto");
        prometheus = a.string("prometheus");
        energy = a.string("energy");
        unit = a.string("unit");
        selector = a.string("selector", "");
        from = a.string("from");
        to = a.string("to");
        step = a.number("step", 15);
        runId = a.string("run-id");
        params = a.string("params");
        store = a.path("store", StoreOptions.DEFAULT_PATH);
        user = a.string("prometheus-user");
        passwordEnv = a.string("prometheus-password-env");
        tokenEnv = a.string("prometheus-token-env");
        ca = a.path("prometheus-ca");
        timeout = a.number("timeout", 30);
        try {
            RunImporter.Result r = RunImporter.write(request());
            report(out, r);
            return Main.OK;
        } catch (ImportException e) {
            err.println("joulebit import: " + e.getMessage());
            err.flush();
            return e.exitCode();
        }
    }

    private RunImporter.Request request() throws ImportException {
        if (!(step > 0) || !(timeout > 0)) throw new ImportException(2, "--step and --timeout must be > 0 seconds");
        String id = runId != null ? runId : "imported-" + log.getFileName().toString().replaceAll("[^A-Za-z0-9_.-]", "-");
        try {
            RunIds.validate(id);
        } catch (IllegalArgumentException e) {
            throw new ImportException(2, "--run-id: " + e.getMessage());
        }
        OptionalLong n = OptionalLong.empty();
        if (params != null) {
            try {
                double v = Double.parseDouble(params);
                if (!(v > 0) || v > Long.MAX_VALUE) throw new NumberFormatException();
                n = OptionalLong.of(Math.round(v));
            } catch (NumberFormatException e) {
                throw new ImportException(2, "--params: '" + params + "' is not a positive number");
            }
        }
        URI base;
        try {
            base = URI.create(prometheus);
            if (base.getScheme() == null || !base.getScheme().matches("https?")) throw new IllegalArgumentException();
        } catch (IllegalArgumentException e) {
            throw new ImportException(2, "--prometheus: '" + prometheus + "' is not an http(s) URL");
        }
        EnergyPreset preset = EnergyPreset.of(energy, unit);
        if (preset.name().equals("promql") && !selector.isBlank()) {
            throw new ImportException(2, "--selector: put the matchers into the promql expression itself");
        }
        LogSteps steps = LogSteps.read(log, format, FormatOptions.defaults());
        RunWindow window = RunWindow.of(from, to, log);
        PromClient client = new PromClient(base, auth(), Optional.ofNullable(ca),
                Duration.ofMillis(Math.round(timeout * 1000)), 3);
        List<DeviceTrace> traces = new EnergyReader(client).read(preset, selector, window.fromSeconds(),
                window.toSeconds(), step);
        return new RunImporter.Request(id, steps, window, preset, selector, traces, base.toString(), n, store);
    }

    private PromClient.Auth auth() throws ImportException {
        Optional<String> token = Optional.ofNullable(tokenEnv).map(System::getenv);
        if (tokenEnv != null && token.isEmpty()) throw new ImportException(2, "--prometheus-token-env: $" + tokenEnv + " is not set");
        if (token.isPresent() && user != null) throw new ImportException(2, "give basic auth or a bearer token, not both");
        Optional<String> password = Optional.ofNullable(passwordEnv).map(System::getenv);
        if (passwordEnv != null && password.isEmpty()) throw new ImportException(2, "--prometheus-password-env: $" + passwordEnv + " is not set");
        return new PromClient.Auth(Optional.ofNullable(user), password, token);
    }

    private void report(PrintWriter out, RunImporter.Result r) {
        var f = r.last().figures();
        out.printf(Locale.ROOT, "imported run %s: %d train steps, %d power readings, window %s%n", r.runId(),
                r.last().progress().trainSteps(), r.samples(), from == null || to == null ? "from the log file's times (a guess: give --from/--to)" : "from --from/--to");
        out.printf(Locale.ROOT, "steps placed %s in the window (the curves over time depend on it, the totals do not)%n",
                StepTimeline.PLACEMENT);
        for (DeviceReading d : r.last().devices()) {
            out.printf(Locale.ROOT, "  %-24s %-10s %14.1f J  uncovered %.0f s%n", d.device(), d.quality().label(),
                    d.energyJoules(), d.uncoveredSeconds());
        }
        if (f.energyJoules().present()) out.printf(Locale.ROOT, "energy %.6g J%n", f.energyJoules().value());
        if (f.energyPerBitJoules().present()) out.printf(Locale.ROOT, "energy per bit %.6g J/bit%n", f.energyPerBitJoules().value());
        out.println("next: joulebit audit --run " + r.runId() + " --store " + store + " --out DIR");
        out.flush();
    }
}

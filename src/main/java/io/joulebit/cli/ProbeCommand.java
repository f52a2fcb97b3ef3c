package io.joulebit.cli;

import io.joulebit.agent.PowerSources;
import io.joulebit.config.ConfigLoader;
import io.joulebit.json.SharedMapper;
import io.joulebit.power.DeviceMethod;
import io.joulebit.power.PowerSource;
import io.joulebit.power.select.Selection;
import io.joulebit.power.select.SelectionPolicy;
import io.joulebit.power.select.SourceReport;
import io.joulebit.power.select.SourceSelector;
import io.joulebit.time.NanoClock;
import org.apache.commons.cli.Options;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** {@code joulebit probe}: every known power source, whether it works here, why not, and which would be chosen. */
public final class ProbeCommand implements CliCommand {
    enum Format { text, json }

    private final Supplier<List<PowerSource>> candidates;

    /** The CPU/host sources this build has (rapl at --sysfs, estimate, oshi). */
    public ProbeCommand() { this.candidates = null; }

    /** Any candidates, e.g. the GPU sources added by the caller. */
    public ProbeCommand(Supplier<List<PowerSource>> candidates) { this.candidates = candidates; }

    @Override
    public String name() {
        return "probe";
    }

    @Override
    public List<String> description() {
        return List.of("Show which power sources work on this machine, why the others don't, and which are chosen.");
    }

    @Override
    public Options options() {
        return new OptionList()
                .value("format", "FORMAT", "text or json (default: text)")
                .value("sysfs", "DIR", "sysfs root for the RAPL source (default: /sys)")
                .value("sources", "NAME", "explicit source list in priority order, comma-separated or repeated "
                        + "(default: automatic choice)")
                .get();
    }

    @Override
    public List<String> footer() {
        return List.of("""
                Exit codes:
                  0   probed (even if nothing works)
                  2   usage error, e.g. an unknown name in --sources""");
    }

    @Override
    public int run(Args a, PrintWriter out, PrintWriter err) throws Exception {
        Format format = a.choice("format", Format.class, Format.text);
        Path sysfsRoot = a.path("sysfs", Path.of("/sys"));
        List<String> explicit = a.list("sources");
        List<PowerSource> list = candidates != null ? candidates.get() : PowerSources.candidates(
                ConfigLoader.load(null, Map.of("sources.rapl.sysfs_root",
                        sysfsRoot.toString(), "sources.amd.sysfs_root", sysfsRoot.toString(),
                        "sources.intel.sysfs_root", sysfsRoot.toString())).sources(), System.getenv(), NanoClock.SYSTEM);
        SelectionPolicy policy = explicit.isEmpty() ? SelectionPolicy.auto()
                : SelectionPolicy.explicit(explicit);
        try {
            Selection selection = new SourceSelector(policy).select(list);
            List<Map<String, String>> accelerators = accelerators(list);
            if (format == Format.json) out.println(json(policy, selection, accelerators));
            else printText(out, selection, accelerators);
            out.flush();
            if (!selection.problems().isEmpty()) {
                selection.problems().forEach(p -> err.println("joulebit probe: " + p));
                return 2;
            }
            return 0;
        } finally {
            list.forEach(PowerSource::close);
        }
    }

    /** Every accelerator a probed source saw: the method it gets from that source and why not a better one. */
    private static List<Map<String, String>> accelerators(List<PowerSource> sources) {
        List<Map<String, String>> out = new ArrayList<>();
        for (PowerSource p : sources) {
            List<DeviceMethod> methods;
            try {
                methods = p.methods();
            } catch (RuntimeException e) {
                continue; // a misbehaving source is already reported by its probe
            }
            for (DeviceMethod m : methods) {
                Map<String, String> a = new LinkedHashMap<>();
                a.put("device", m.device());
                a.put("source", p.name());
                a.put("method", m.method());
                a.put("why", m.why());
                out.add(a);
            }
        }
        return out;
    }

    private static void printText(PrintWriter out, Selection s, List<Map<String, String>> accelerators) {
        for (SourceReport r : s.reports()) {
            out.printf("%-11s %s%n", r.name(), !r.available() ? "NOT AVAILABLE"
                    : r.chosen() ? "available, CHOSEN for " + String.join(", ", r.chosenDevices())
                    : "available, not chosen");
            out.printf("            %s: %s%n", r.available() ? "detail" : "why", r.reason());
            if (r.available() && !r.note().isEmpty()) out.printf("            not chosen: %s%n", r.note());
        }
        for (Map<String, String> a : accelerators) {
            out.printf("%-11s %s: %s%s%n", a.get("device"), a.get("source"), a.get("method"),
                    a.get("why").isEmpty() ? "" : " (" + a.get("why") + ")");
        }
        Map<String, String> devices = chosenDevices(s);
        out.println(devices.isEmpty() ? "No power source works here: no device will be measured."
                : "Measured devices: " + devices.entrySet().stream().map(e -> e.getKey() + " <- " + e.getValue())
                .reduce((a, b) -> a + ", " + b).orElse(""));
    }

    private static String json(SelectionPolicy policy, Selection s, List<Map<String, String>> accelerators)
            throws Exception {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("mode", policy.mode().name().toLowerCase(Locale.ROOT));
        root.put("sources", s.reports().stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", r.name());
            m.put("available", r.available());
            m.put("reason", r.reason());
            m.put("devices", r.devices());
            m.put("chosen", r.chosen());
            m.put("chosenDevices", r.chosenDevices());
            m.put("note", r.note());
            return m;
        }).toList());
        root.put("devices", chosenDevices(s));
        root.put("accelerators", accelerators);
        root.put("problems", s.problems());
        return SharedMapper.pretty().writeValueAsString(root);
    }

    private static Map<String, String> chosenDevices(Selection s) {
        Map<String, String> m = new LinkedHashMap<>();
        s.chosen().forEach(c -> c.devices().forEach(d -> m.put(d, c.source().name())));
        return m;
    }
}

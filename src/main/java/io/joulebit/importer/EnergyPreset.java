package io.joulebit.importer;

import io.joulebit.power.DeviceKind;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Where a run's energy lives in a Prometheus that already scraped the machines: the exporters people run, with their
 * real metric names, units and labels (docs/import.md lists them). Each preset is one or more metrics; a device found
 * in a counter metric is read from the counter, and a power metric of the same preset only fills devices that have no
 * counter ("integrated where the counter is missing").
 *
 * @param source the `source` label the imported devices carry
 */
public record EnergyPreset(String name, String source, List<Metric> metrics) {

    /** A counter of energy (scaled to joules) or a gauge of power (scaled to watts). */
    public enum Kind { COUNTER, POWER }

    /**
     * One metric of a preset.
     *
     * @param selector  the metric name with any fixed matchers (e.g. RAPL zones that do not overlap), no braces when none
     * @param raw       true when the selector is a plain vector selector (its samples' own timestamps can be read)
     * @param toSi      factor to joules (counters) or watts (power)
     * @param device    device name from the series' labels
     * @param node      node name from the series' labels ("" when unknown)
     */
    public record Metric(String selector, boolean raw, Kind kind, double toSi, DeviceKind deviceKind,
                         Function<Map<String, String>, String> device, Function<Map<String, String>, String> node) {
        /** This metric's selector narrowed by the user's {@code {…}} selector (which may be empty). */
        public String narrowed(String userSelector) {
            String extra = inner(userSelector);
            if (extra.isEmpty()) return selector;
            int brace = selector.indexOf('{');
            if (brace < 0) return selector + "{" + extra + "}";
            String own = inner(selector.substring(brace));
            return selector.substring(0, brace) + "{" + (own.isEmpty() ? extra : own + "," + extra) + "}";
        }
    }

    public static final List<String> NAMES = List.of("dcgm", "kepler", "node-rapl", "nvidia-gpu-exporter", "joulebit",
            "promql:EXPR");

    /**
     * The preset called {@code spec}; {@code promql:EXPR} takes {@code unit} (J, kJ, mJ, uJ, Wh, kWh for an energy
     * counter; W, mW, kW for power).
     */
    public static EnergyPreset of(String spec, String unit) throws ImportException {
        Function<Map<String, String>, String> instance = l -> l.getOrDefault("instance", "");
        switch (spec) {
            case "dcgm" -> {
                Function<Map<String, String>, String> gpu = l -> "gpu" + l.getOrDefault("gpu", l.getOrDefault("UUID", "?"));
                Function<Map<String, String>, String> host = l -> l.getOrDefault("Hostname", l.getOrDefault("instance", ""));
                return new EnergyPreset(spec, "dcgm", List.of(
                        new Metric("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", true, Kind.COUNTER, 1e-3, DeviceKind.GPU, gpu, host),
                        new Metric("DCGM_FI_DEV_POWER_USAGE", true, Kind.POWER, 1, DeviceKind.GPU, gpu, host)));
            }
            case "kepler" -> {
                Function<Map<String, String>, String> node = l -> l.getOrDefault("node_name", l.getOrDefault("instance", ""));
                return new EnergyPreset(spec, "kepler", List.of(
                        // package and dram are disjoint top-level zones; core/uncore sit inside package
                        new Metric("kepler_node_cpu_joules_total{zone=~\"package|dram\"}", true, Kind.COUNTER, 1,
                                DeviceKind.CPU, l -> "cpu-" + l.getOrDefault("zone", "?") + zoneIndex(l), node),
                        new Metric("kepler_node_gpu_joules_total", true, Kind.COUNTER, 1, DeviceKind.GPU,
                                l -> "gpu" + l.getOrDefault("gpu", l.getOrDefault("index", "?")), node)));
            }
            case "node-rapl" -> {
                return new EnergyPreset(spec, "rapl", List.of(
                        new Metric("node_rapl_package_joules_total", true, Kind.COUNTER, 1, DeviceKind.CPU,
                                l -> "package-" + l.getOrDefault("index", "0"), instance),
                        new Metric("node_rapl_dram_joules_total", true, Kind.COUNTER, 1, DeviceKind.DRAM,
                                l -> "dram-" + l.getOrDefault("index", "0"), instance)));
            }
            case "nvidia-gpu-exporter" -> {
                return new EnergyPreset(spec, "nvidia-smi", List.of(
                        new Metric("nvidia_smi_power_draw_watts", true, Kind.POWER, 1, DeviceKind.GPU,
                                l -> "gpu-" + l.getOrDefault("uuid", l.getOrDefault("index", "?")), instance)));
            }
            case "joulebit" -> {
                return new EnergyPreset(spec, "joulebit", List.of(
                        new Metric("joulebit_device_energy_joules_total", true, Kind.COUNTER, 1, DeviceKind.GPU,
                                l -> l.getOrDefault("device", "?"), instance)));
            }
            default -> {
                if (!spec.startsWith("promql:") || spec.length() == "promql:".length()) {
                    throw new ImportException(2, "--energy: unknown source '" + spec + "'; valid: "
                            + String.join(", ", NAMES));
                }
                return promql(spec.substring("promql:".length()), unit);
            }
        }
    }

    private static EnergyPreset promql(String expr, String unit) throws ImportException {
        if (unit == null) throw new ImportException(2, "--energy promql:EXPR needs --unit (J, kJ, mJ, uJ, Wh, kWh or W, mW, kW)");
        Kind kind;
        double f;
        switch (unit) {
            case "J" -> { kind = Kind.COUNTER; f = 1; }
            case "kJ" -> { kind = Kind.COUNTER; f = 1e3; }
            case "mJ" -> { kind = Kind.COUNTER; f = 1e-3; }
            case "uJ", "µJ" -> { kind = Kind.COUNTER; f = 1e-6; }
            case "Wh" -> { kind = Kind.COUNTER; f = 3600; }
            case "kWh" -> { kind = Kind.COUNTER; f = 3.6e6; }
            case "W" -> { kind = Kind.POWER; f = 1; }
            case "mW" -> { kind = Kind.POWER; f = 1e-3; }
            case "kW" -> { kind = Kind.POWER; f = 1e3; }
            default -> throw new ImportException(2, "--unit: unknown unit '" + unit
                    + "'; valid: J, kJ, mJ, uJ, Wh, kWh (energy counter), W, mW, kW (power)");
        }
        Function<Map<String, String>, String> device = l -> l.containsKey("device") ? l.get("device") : labelsOf(l);
        return new EnergyPreset("promql", "promql", List.of(new Metric(expr, false, kind, f, DeviceKind.GPU, device,
                l -> l.getOrDefault("instance", ""))));
    }

    private static String zoneIndex(Map<String, String> l) {
        String path = l.getOrDefault("path", "");
        int colon = path.lastIndexOf(':');
        return colon < 0 ? "" : "-" + path.substring(colon + 1).toLowerCase(Locale.ROOT);
    }

    private static String labelsOf(Map<String, String> l) {
        StringBuilder sb = new StringBuilder();
        l.forEach((k, v) -> {
            if (k.equals("__name__") || k.equals("instance") || k.equals("job")) return;
            if (sb.length() > 0) sb.append(',');
            sb.append(k).append('=').append(v);
        });
        return sb.length() == 0 ? "device" : sb.toString();
    }

    private static String inner(String selector) {
        String s = selector == null ? "" : selector.trim();
        if (s.startsWith("{") && s.endsWith("}")) s = s.substring(1, s.length() - 1).trim();
        return s;
    }
}

package io.joulebit.e2e;

import io.joulebit.export.MetricsRoute;
import io.joulebit.run.RunSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Label;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docs/METRICS.md from the exporter itself: the families {@link MetricsRoute#families} renders for a snapshot, each
 * with its exposed name, type, unit (the name's unit suffix), label names, HELP and the PHYSICS.md section its HELP
 * cites. {@link MetricsDocTest} keeps the checked-in file equal to this output.
 */
final class MetricsDoc {
    /** Unit words a joulebit metric name may end with (STYLE.md rule 3), longest first. */
    private static final List<String[]> UNITS = List.of(
            new String[] {"_timestamp_seconds", "seconds (Unix time)"}, new String[] {"_bits_per_second", "bits/s"},
            new String[] {"_bits_per_parameter", "bits/parameter"}, new String[] {"_watts_per_kelvin", "W/K"},
            new String[] {"_joules", "joules"}, new String[] {"_watts", "watts"}, new String[] {"_celsius", "°C"},
            new String[] {"_kelvin", "kelvin"}, new String[] {"_seconds", "seconds"}, new String[] {"_ratio", "ratio"},
            new String[] {"_bits", "bits"}, new String[] {"_grams", "grams"});
    private static final Pattern SECTION = Pattern.compile("\\(PHYSICS\\.md (§\\d+)\\)");

    /** One documented family. */
    record Row(String name, String type, String unit, List<String> labels, String help, String section) {}

    private MetricsDoc() {}

    static List<Row> rows(MetricSnapshots families) {
        List<Row> rows = new ArrayList<>();
        for (MetricSnapshot f : families) {
            String base = f.getMetadata().getName();
            String type = f instanceof CounterSnapshot ? "counter" : f instanceof InfoSnapshot ? "info" : "gauge";
            String name = switch (type) {
                case "counter" -> base + "_total";
                case "info" -> base + "_info";
                default -> base;
            };
            Set<String> labels = new LinkedHashSet<>();
            f.getDataPoints().forEach(p -> p.getLabels().forEach((Label l) -> labels.add(l.getName())));
            String help = f.getMetadata().getHelp();
            Matcher m = SECTION.matcher(help);
            rows.add(new Row(name, type, unit(base), List.copyOf(labels), help, m.find() ? m.group(1) : ""));
        }
        return rows;
    }

    static String unit(String baseName) {
        for (String[] u : UNITS) if (baseName.endsWith(u[0])) return u[1];
        return "";
    }

    static String render(RunSnapshot snapshot) {
        StringBuilder sb = new StringBuilder();
        sb.append("# joulebit metrics\n\n")
                .append("<!-- Generated from the exporter by src/test/java/io/joulebit/e2e/MetricsDoc.java; do not edit.\n")
                .append("     Regenerate: mvn -o -B test -Dtest=MetricsDocTest -Djoulebit.updateGolden=true -->\n\n")
                .append("Every family the agent serves on `/metrics` (Prometheus text format; OpenMetrics on request), as\n")
                .append("rendered from a snapshot that has every figure present. Units are base units named by the metric's\n")
                .append("suffix; counters carry `_total`, the info family `_info`. Run-level families carry `run` plus the\n")
                .append("configured static labels (`run.labels`); Prometheus adds `job` and `instance` (and `node` with\n")
                .append("`config/prometheus/prometheus.nodes.yml`). A figure that is undefined is absent, never 0 or NaN;\n")
                .append("`joulebit_run_flag` says why (PHYSICS.md §8).\n\n")
                .append("Beside these the sidecar serves client_java's `process_*` families (start time, CPU, memory, fds)\n")
                .append("and `joulebit_build_info{version,revision}`; `export.jvm_metrics: true` adds the `jvm_*` families.\n")
                .append("It also serves `joulebit_ready` (gauge): 0 while it starts (power sources probed, store opened,\n")
                .append("run resumed; every family above is absent meanwhile), 1 once the run is live (docs/deployment.md).\n")
                .append("The same families reach Micrometer registries and OTLP (docs/embedding.md): a\n")
                .append("PrometheusMeterRegistry shows these exact names; OTLP gets the name with dots and the unit in its\n")
                .append("own field (`joulebit.run.energy`, `joules`). Absence in each backend: no sample line on /metrics and\n")
                .append("in a PrometheusMeterRegistry (a series that goes away turns stale); no metric or data point in an\n")
                .append("OTLP push; no meter, hence no data points, in any other Micrometer backend. Never NaN.\n\n")
                .append("| name | type | unit | labels | PHYSICS.md | help |\n")
                .append("|---|---|---|---|---|---|\n");
        for (Row r : rows(MetricsRoute.families(snapshot))) {
            sb.append("| `").append(r.name()).append("` | ").append(r.type()).append(" | ").append(r.unit())
                    .append(" | ").append(String.join(", ", r.labels().stream().map(l -> "`" + l + "`").toList()))
                    .append(" | ").append(r.section()).append(" | ").append(r.help().replace("|", "\\|"))
                    .append(" |\n");
        }
        return sb.toString();
    }
}

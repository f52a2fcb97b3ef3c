package io.joulebit.ops;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PromQL of a Grafana dashboard, made executable against a plain Prometheus: dashboard variables become the
 * regex {@code .*} (the dashboard only uses them with {@code =~}) and Grafana's interval macros become fixed ranges.
 * <pre>{@code
 * for (String expr : DashboardQueries.load(Path.of("dashboards/joulebit-overview.json"))) prometheus.query(expr);
 * }</pre>
 * Some queries may legitimately return nothing on a healthy run (run flags, transition-candidate annotations).
 */
public final class DashboardQueries {
    /** Grafana's built-in macros and what a test Prometheus should see instead. */
    static final Map<String, String> BUILTINS = Map.of("__rate_interval", "1m", "__interval", "1m",
            "__range", "1h", "__range_s", "3600", "__range_ms", "3600000", "__interval_ms", "60000");
    private static final Pattern VARIABLE =
            Pattern.compile("\\$\\{(\\w+)(?::[^}]*)?}|\\[\\[(\\w+)(?::[^]]*)?]]|\\$(\\w+)");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*\\w+\\)\\s*");

    /** @param where panel title / annotation name / variable name; {@code expr} is executable */
    public record Query(String where, String raw, String expr) {}

    private DashboardQueries() {}

    /** Every panel and annotation expr of the dashboard, executable (variables substituted). */
    public static List<String> load(Path dashboard) {
        return queries(dashboard).stream().map(Query::expr).toList();
    }

    /** Panel targets (rows' nested panels included) and Prometheus annotations, in dashboard order. */
    public static List<Query> queries(Path dashboard) {
        JsonNode root = read(dashboard);
        Set<String> vars = variableNames(root);
        List<Query> out = new ArrayList<>();
        collectPanels(root.path("panels"), vars, out);
        for (JsonNode a : root.path("annotations").path("list")) {
            String expr = a.path("expr").asText("");
            if (!expr.isBlank()) out.add(query("annotation " + a.path("name").asText(), expr, vars));
        }
        return out;
    }

    /** The series selector inside each {@code label_values(selector, label)} variable query, executable. */
    public static List<Query> variableSelectors(Path dashboard) {
        JsonNode root = read(dashboard);
        Set<String> vars = variableNames(root);
        List<Query> out = new ArrayList<>();
        for (JsonNode v : root.path("templating").path("list")) {
            JsonNode q = v.path("query");
            String text = q.isObject() ? q.path("query").asText("") : q.asText("");
            Matcher m = LABEL_VALUES.matcher(text);
            if ("query".equals(v.path("type").asText()) && m.matches()) {
                out.add(query("variable " + v.path("name").asText(), m.group(1).trim(), vars));
            }
        }
        return out;
    }

    /** Replaces the dashboard's own variables ({@code $v}, {@code ${v}}, {@code ${v:fmt}}, {@code [[v]]}). */
    static String executable(String raw, Set<String> variables) {
        Matcher m = VARIABLE.matcher(raw);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            String value = BUILTINS.containsKey(name) ? BUILTINS.get(name)
                    : variables.contains(name) ? ".*" : m.group(); // "$1" in label_replace is not a variable
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    static Set<String> variableNames(JsonNode root) {
        Set<String> names = new HashSet<>();
        root.path("templating").path("list").forEach(v -> names.add(v.path("name").asText()));
        return names;
    }

    private static void collectPanels(JsonNode panels, Set<String> vars, List<Query> out) {
        for (JsonNode p : panels) {
            for (JsonNode t : p.path("targets")) {
                String expr = t.path("expr").asText("");
                if (!expr.isBlank()) out.add(query(p.path("title").asText() + " " + t.path("refId").asText(), expr, vars));
            }
            collectPanels(p.path("panels"), vars, out); // panels inside (collapsed) rows
        }
    }

    private static Query query(String where, String raw, Set<String> vars) {
        return new Query(where, raw, executable(raw, vars));
    }

    private static JsonNode read(Path dashboard) {
        try {
            return OpsFiles.JSON.readTree(dashboard.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(dashboard + ": " + e.getMessage(), e);
        }
    }
}

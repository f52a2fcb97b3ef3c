package io.joulebit.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The Grafana dashboard is well-formed, uses the datasource variable everywhere, and every query is valid PromQL. */
class DashboardJsonTest {
    private static final Path DASHBOARD = OpsFiles.root().resolve("dashboards/joulebit-overview.json");
    private static final String DS_VAR = "${datasource}";

    private final JsonNode root = read();

    @Test
    void headerAndVariables() {
        assertThat(root.path("schemaVersion").asInt()).isBetween(36, 41);
        assertThat(root.path("uid").asText()).isEqualTo("joulebit-overview");
        List<String> names = new ArrayList<>();
        for (JsonNode v : root.path("templating").path("list")) {
            names.add(v.path("name").asText());
            if (v.path("type").asText().equals("datasource")) {
                assertThat(v.path("query").asText()).isEqualTo("prometheus");
            } else {
                assertThat(v.path("datasource").path("uid").asText()).as(v.path("name").asText()).isEqualTo(DS_VAR);
                assertThat(v.path("definition").asText()).startsWith("label_values(");
            }
        }
        assertThat(names).containsExactly("datasource", "run", "instance", "device");
        assertThat(DashboardQueries.variableSelectors(DASHBOARD)).hasSize(3);
    }

    @Test
    void everyPanelHasAUniqueIdAGridPosAndTheDatasourceVariable() {
        Set<Integer> ids = new HashSet<>();
        for (JsonNode p : allPanels(root.path("panels"))) {
            String title = p.path("title").asText();
            assertThat(ids.add(p.path("id").asInt(-1))).as("unique id of " + title).isTrue();
            JsonNode g = p.path("gridPos");
            assertThat(g.path("w").asInt()).as(title + " width").isPositive();
            assertThat(g.path("h").asInt()).as(title + " height").isPositive();
            assertThat(g.path("x").asInt() + g.path("w").asInt()).as(title + " fits 24 columns").isLessThanOrEqualTo(24);
            assertThat(g.has("y")).as(title + " y").isTrue();
            if (p.path("type").asText().equals("row")) continue;
            assertThat(p.path("datasource").path("uid").asText()).as(title + " datasource").isEqualTo(DS_VAR);
            assertThat(p.path("targets")).as(title + " targets").isNotEmpty();
            for (JsonNode t : p.path("targets")) {
                assertThat(t.path("datasource").path("uid").asText()).as(title + " target datasource").isEqualTo(DS_VAR);
                assertThat(t.path("expr").asText()).as(title + " expr").isNotBlank();
            }
        }
        assertThat(ids).hasSizeGreaterThan(20);
    }

    @Test
    void queriesCoverTheFiguresAndNameOnlyExportedMetrics() {
        Set<String> used = new TreeSet<>();
        DashboardQueries.queries(DASHBOARD).forEach(q -> used.addAll(MetricNames.referenced(q.raw())));
        assertThat(MetricNames.exported()).containsAll(used);
        assertThat(used).contains("joulebit_run_energy_joules_total", "joulebit_information_bits",
                "joulebit_landauer_min_energy_joules", "joulebit_information_capacity_ratio", "joulebit_run_tokens_total",
                "joulebit_loss_bits", "joulebit_negentropy_flux_bits_per_second", "joulebit_device_power_watts",
                "joulebit_device_temperature_celsius", "joulebit_device_utilization_ratio",
                "joulebit_device_power_limit_watts", "joulebit_source_up", "joulebit_run_steps_total",
                "joulebit_progress_lines_total", "joulebit_transition_candidates_total",
                "joulebit_structural_information_bits");
        assertThat(root.at("/annotations/list").findValuesAsText("expr"))
                .anyMatch(e -> e.contains("joulebit_transition_candidates_total"));
    }

    @Test
    void variablesAreOnlyUsedAsRegexMatchersSoAllBecomesDotStar() {
        for (DashboardQueries.Query q : DashboardQueries.queries(DASHBOARD)) {
            assertThat(q.raw()).as(q.where()).doesNotContainPattern("[^=!]=\\s*\"\\$");
            assertThat(q.expr()).as(q.where()).doesNotContain("$").doesNotContain("[[");
        }
    }

    @Test
    void substitutionReplacesDashboardVariablesAndMacrosOnly() {
        Set<String> vars = Set.of("run", "device");
        assertThat(DashboardQueries.executable(
                "rate(x{run=~\"$run\",device=~\"${device:regex}\"}[$__rate_interval]) / [[run]]", vars))
                .isEqualTo("rate(x{run=~\".*\",device=~\".*\"}[1m]) / .*");
        assertThat(DashboardQueries.executable("label_replace(x, \"a\", \"$1\", \"b\", \"(.*)\")", vars))
                .contains("\"$1\"");
    }

    @Test
    void everyQueryIsValidPromqlForPromtool(@TempDir Path tmp) throws IOException {
        List<DashboardQueries.Query> all = allQueries();
        Path file = Files.writeString(tmp.resolve("dashboard-queries.yml"), asRecordingRules(all));
        Promtool.Result r = Promtool.locate().run(tmp, List.of("check", "rules", file.toString()));
        assertThat(r.ok()).as("promtool check rules on the dashboard queries%n%s", r.output()).isTrue();
        assertThat(r.output()).contains(all.size() + " rules found");
    }

    /** Syntax is not enough (a many-to-many match fails only at run time): evaluate every query on a synthetic run. */
    @Test
    void everyQueryReturnsDataOnASyntheticTwoNodeRun(@TempDir Path tmp) throws IOException {
        List<DashboardQueries.Query> all = allQueries();
        Files.writeString(tmp.resolve("dashboard-queries.yml"), asRecordingRules(all));
        ObjectNode test = OpsFiles.YAML.createObjectNode();
        test.putArray("rule_files").add("dashboard-queries.yml");
        test.put("evaluation_interval", "1m");
        ObjectNode t = test.putArray("tests").addObject();
        t.put("interval", "1m");
        ArrayNode series = t.putArray("input_series");
        for (String node : List.of("n1", "n2")) {
            for (String metric : MetricNames.exported()) {
                series.addObject().put("series", metric + "{run=\"r1\",instance=\"" + node + "\",job=\"joulebit\","
                                + "device=\"gpu0\",kind=\"gpu\",source=\"nvml\",method=\"counter\",form=\"total\","
                                + "flag=\"diverged\",result=\"parsed\",reason=\"timeout\"}")
                        .put("values", metric.equals("joulebit_run_flag") ? "1x20" : "1+10x20");
            }
        }
        ObjectNode check = t.putArray("promql_expr_test").addObject();
        check.put("expr", "count(count by (__name__) ({__name__=~\"dashboard:query_[0-9]+\"}))");
        check.put("eval_time", "10m");
        check.putArray("exp_samples").addObject().put("labels", "{}").put("value", all.size());
        Path testFile = Files.writeString(tmp.resolve("dashboard-test.yml"), OpsFiles.YAML.writeValueAsString(test));
        Promtool.Result r = Promtool.locate().run(tmp, List.of("test", "rules", testFile.toString()));
        assertThat(r.ok()).as("every dashboard query returns a sample%n%s%nqueries:%n%s", r.output(),
                OpsFiles.YAML.writeValueAsString(all)).isTrue();
    }

    private static List<DashboardQueries.Query> allQueries() {
        List<DashboardQueries.Query> all = new ArrayList<>(DashboardQueries.queries(DASHBOARD));
        all.addAll(DashboardQueries.variableSelectors(DASHBOARD));
        return all;
    }

    private static String asRecordingRules(List<DashboardQueries.Query> queries) throws IOException {
        ObjectNode root = OpsFiles.YAML.createObjectNode();
        ObjectNode group = root.putArray("groups").addObject().put("name", "dashboard");
        ArrayNode rules = group.putArray("rules");
        for (int i = 0; i < queries.size(); i++) {
            rules.addObject().put("record", "dashboard:query_" + i).put("expr", queries.get(i).expr());
        }
        return OpsFiles.YAML.writeValueAsString(root);
    }

    private static List<JsonNode> allPanels(JsonNode panels) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : panels) {
            out.add(p);
            out.addAll(allPanels(p.path("panels")));
        }
        return out;
    }

    private static JsonNode read() {
        try {
            return OpsFiles.JSON.readTree(DASHBOARD.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(DASHBOARD + ": " + e.getMessage(), e);
        }
    }
}

package io.joulebit.ops;

import com.fasterxml.jackson.databind.JsonNode;
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
                "joulebit_progress_lines_total", "joulebit_transition_candidates_total");
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
        List<DashboardQueries.Query> all = new ArrayList<>(DashboardQueries.queries(DASHBOARD));
        all.addAll(DashboardQueries.variableSelectors(DASHBOARD));
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (int i = 0; i < all.size(); i++) {
            rules.append("      - record: dashboard:query_").append(i).append('\n')
                    .append("        expr: ").append(OpsFiles.JSON.writeValueAsString(all.get(i).expr())).append('\n');
        }
        Path file = Files.writeString(tmp.resolve("dashboard-queries.yml"), rules);
        Promtool.Result r = Promtool.locate().run(tmp, List.of("check", "rules", file.toString()));
        assertThat(r.ok()).as("promtool check rules on the dashboard queries%n%s%n%s", r.output(), rules).isTrue();
        assertThat(r.output()).contains(all.size() + " rules found");
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

package io.joulebit.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule files and their promtool tests stay in step: every alert has a firing case and a near miss, tells a person
 * what to do, and every recorded series has a value check. promtool itself checks that the cases are right.
 */
class AlertRuleCoverageTest {
    private static final Path DIR = OpsFiles.prometheusDir();
    private static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");
    private static final List<String> REQUIRED_ALERTS = List.of("EnergyPerBitHigh", "BurningWattsWithoutLearning",
            "LossDiverged", "ProgressStalled", "SourceDown", "EnergyUncovered", "GpuThermalHigh", "TransitionCandidate");

    @Test
    void everyAlertHasSeverityAndActionableAnnotations() {
        List<JsonNode> alerts = rules("joulebit.alerts.yml", "alert");
        assertThat(alerts).extracting(a -> a.get("alert").asText()).containsAll(REQUIRED_ALERTS);
        for (JsonNode a : alerts) {
            String name = a.get("alert").asText();
            assertThat(a.at("/labels/severity").asText()).as(name + " severity").isIn(SEVERITIES);
            assertThat(a.at("/annotations/summary").asText()).as(name + " summary").isNotBlank();
            assertThat(a.at("/annotations/description").asText()).as(name + " description").hasSizeGreaterThan(80);
        }
        assertThat(alerts).filteredOn(a -> a.get("alert").asText().equals("TransitionCandidate"))
                .extracting(a -> a.at("/labels/severity").asText()).containsExactly("info");
    }

    @Test
    void everyAlertFiresInATestAndStaysQuietInANearMiss() {
        Set<String> fires = new HashSet<>();
        Set<String> quiet = new HashSet<>();
        for (JsonNode t : testCases()) {
            for (JsonNode c : t.path("alert_rule_test")) {
                String name = c.path("alertname").asText();
                (c.path("exp_alerts").isEmpty() ? quiet : fires).add(name);
            }
        }
        for (JsonNode a : rules("joulebit.alerts.yml", "alert")) {
            String name = a.get("alert").asText();
            assertThat(fires).as("a promtool test where %s fires", name).contains(name);
            assertThat(quiet).as("a promtool near miss where %s does not fire", name).contains(name);
        }
    }

    @Test
    void everyRecordingRuleIsNamedByConventionAndHasAValueCheck() {
        Set<String> checked = new HashSet<>();
        for (JsonNode t : testCases()) {
            for (JsonNode c : t.path("promql_expr_test")) {
                if (!c.path("exp_samples").isEmpty()) checked.add(c.path("expr").asText().trim());
            }
        }
        for (JsonNode r : rules("joulebit.recording.yml", "record")) {
            String name = r.get("record").asText();
            assertThat(name).as("level:metric:operations").matches("[a-z][a-z0-9_]*:[a-z0-9_]+(:[a-z0-9_]+)?");
            assertThat(checked).as("a promql_expr_test with expected samples for %s", name).contains(name);
        }
    }

    @Test
    void rulesNameOnlyExportedMetricsOrTheDocumentedThresholdOverride() {
        Set<String> known = new HashSet<>(MetricNames.exported());
        known.add("joulebit_alert_threshold_energy_per_bit_joules"); // provided by the operator, docs/alerts.md
        for (String file : List.of("joulebit.recording.yml", "joulebit.alerts.yml")) {
            for (JsonNode r : rules(file, "expr")) {
                assertThat(known).as("%s: %s", file, r.get("expr").asText())
                        .containsAll(MetricNames.referenced(r.get("expr").asText()));
            }
        }
    }

    private static List<JsonNode> rules(String file, String kind) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode g : OpsFiles.yaml(DIR.resolve("rules").resolve(file)).path("groups")) {
            for (JsonNode r : g.path("rules")) if (r.has(kind)) out.add(r);
        }
        assertThat(out).as(file).isNotEmpty();
        return out;
    }

    private static List<JsonNode> testCases() {
        List<JsonNode> out = new ArrayList<>();
        for (Path f : OpsFiles.list(DIR.resolve("tests"), ".yml")) OpsFiles.yaml(f).path("tests").forEach(out::add);
        return out;
    }
}

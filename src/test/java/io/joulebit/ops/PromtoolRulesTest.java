package io.joulebit.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped Prometheus files pass promtool: rule syntax, the rule unit tests, and both scrape configs. */
class PromtoolRulesTest {
    private final Path dir = OpsFiles.prometheusDir();

    @Test
    void rulesPassPromtoolCheckRules() {
        List<Path> rules = OpsFiles.list(dir.resolve("rules"), ".yml");
        assertThat(rules).extracting(p -> p.getFileName().toString())
                .contains("joulebit.recording.yml", "joulebit.alerts.yml");
        assertPromtool(args("check", "rules", rules));
    }

    @Test
    void ruleUnitTestsPass() {
        List<Path> tests = OpsFiles.list(dir.resolve("tests"), ".yml");
        assertThat(tests).hasSizeGreaterThanOrEqualTo(2);
        assertPromtool(args("test", "rules", tests));
    }

    @Test
    void scrapeConfigsPassPromtoolCheckConfig() {
        assertPromtool(args("check", "config",
                List.of(dir.resolve("prometheus.sidecar.yml"), dir.resolve("prometheus.nodes.yml"))));
    }

    @Test
    void promtoolReportsABrokenRuleFile(@TempDir Path tmp) throws IOException {
        Path bad = tmp.resolve("bad.yml");
        Files.writeString(bad, "groups:\n  - name: g\n    rules:\n      - record: x:y\n        expr: sum by (run (z)\n");
        Promtool.Result r = Promtool.locate().run(tmp, List.of("check", "rules", bad.toString()));
        assertThat(r.ok()).as(r.output()).isFalse();
        assertThat(r.output()).contains("bad.yml");
    }

    @Test
    void missingPromtoolFailsWithTheInstallCommand(@TempDir Path tmp) {
        Path absent = tmp.resolve("promtool");
        assertThatThrownBy(() -> Promtool.locate(Map.of("JOULEBIT_PROMTOOL", absent.toString()), Promtool.DEFAULT))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining(absent.toString()).hasMessageContaining("scripts/install-test-tools.sh");
        assertThatThrownBy(() -> Promtool.locate(Map.of(), absent))
                .isInstanceOf(AssertionFailedError.class).hasMessageContaining("JOULEBIT_PROMTOOL");
    }

    @Test
    void aHangingPromtoolIsKilledAtTheTimeout(@TempDir Path tmp) throws IOException {
        Path hang = tmp.resolve("promtool");
        Files.writeString(hang, "#!/bin/sh\necho started\nexec sleep 60\n");
        Files.setPosixFilePermissions(hang, PosixFilePermissions.fromString("rwx------"));
        Promtool.Result r = Promtool.locate(Map.of("JOULEBIT_PROMTOOL", hang.toString()), Promtool.DEFAULT)
                .run(tmp, Duration.ofMillis(300), List.of("check", "rules"));
        assertThat(r.timedOut()).isTrue();
        assertThat(r.ok()).isFalse();
        assertThat(r.output()).contains("started");
    }

    private void assertPromtool(List<String> args) {
        Promtool.Result r = Promtool.locate().run(dir, args);
        assertThat(r.ok()).as("promtool %s%n%s", String.join(" ", args), r.output()).isTrue();
    }

    private List<String> args(String a, String b, List<Path> files) {
        List<String> out = new ArrayList<>(List.of(a, b));
        out.addAll(OpsFiles.strings(files, dir));
        return out;
    }
}

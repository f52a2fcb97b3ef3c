package io.joulebit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

class ConfigLoaderTest {
    @Test
    void exampleConfigLoadsAndEqualsTheBuiltInDefaultsWhereItSaysSo() throws Exception {
        AgentConfig example = ConfigLoader.load(Path.of("config/joulebit.example.yaml"), Map.of());
        AgentConfig defaults = ConfigLoader.defaults();
        assertThat(example).usingRecursiveComparison().isEqualTo(defaults);
        assertThat(defaults.sampling().interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.export().port()).isEqualTo(9877);
        assertThat(defaults.physics().landauerKelvin()).isEqualTo(300);
    }

    @Test
    void minimalConfigLoads() throws Exception {
        AgentConfig c = ConfigLoader.load(Path.of("config/joulebit.minimal.yaml"), Map.of());
        assertThat(c.model().params()).isEqualTo(124_000_000L);
        assertThat(c.progress().log().path()).isEqualTo(Path.of("/var/log/train/train.log"));
    }

    @Test
    void everyProblemIsListedWithItsKeyPath() {
        String yaml = """
                sampling: {interval: -1s, maxgap: 3s}
                sources:
                  nvidia_smi: {interval: fast}
                  estimate: {idle_watts: 50, max_watts: 20}
                physics: {pue: 0.5, baseline: fixed}
                export: {listen: "nohost"}
                progress: {log: {poll_interval: 0s}}
                """;
        ConfigException e = catchThrowableOfType(() -> ConfigLoader.parse(yaml, Map.of()), ConfigException.class);
        assertThat(e.problems()).containsExactlyInAnyOrder(
                "sampling.maxgap: Unknown property. Known: interval, max_gap",
                "sampling.interval: Expecting duration > 0. Found: -1s",
                "sources.nvidia_smi.interval: Expecting a duration like 500ms, 1s, 2m. Found: fast",
                "sources.estimate.max_watts: Expecting max_watts >= idle_watts. Found: 20.0 < 50.0",
                "physics.pue: Expecting a number in [1, 10]. Found: 0.5",
                "physics.baseline_bits: Required when baseline is fixed",
                "export.listen: Expecting HOST:PORT with port 0-65535. Found: nohost",
                "progress.log.poll_interval: Expecting duration > 0. Found: 0s");
    }

    @Test
    void logPollIntervalDefaultsToOnceASecondAndIsConfigurable() throws Exception {
        assertThat(ConfigLoader.defaults().progress().log().pollInterval()).isEqualTo(Duration.ofSeconds(1));
        AgentConfig c = ConfigLoader.parse("progress: {log: {path: /tmp/t.log, poll_interval: 200ms}}", Map.of());
        assertThat(c.progress().log().pollInterval()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void flagsOverrideTheFileAndAreValidatedTheSameWay() throws Exception {
        AgentConfig c = ConfigLoader.load(Path.of("config/joulebit.minimal.yaml"),
                Map.of("model.params", 7e9, "export.listen", "127.0.0.1:0"));
        assertThat(c.model().params()).isEqualTo(7_000_000_000L);
        assertThat(c.export().port()).isZero();
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("model.params", -3)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("model.params");
    }

    @Test
    void malformedYamlNamesTheFileAndLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "run:\n  id: [unclosed\n");
        ConfigException e = catchThrowableOfType(() -> ConfigLoader.load(f, Map.of()), ConfigException.class);
        assertThat(e.problems()).singleElement().asString().startsWith(f + ":");
    }

    @Test
    void labelsMayNotShadowJoulebitLabels() {
        assertThatThrownBy(() -> ConfigLoader.parse("run: {labels: {device: x, team: nlp}}", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("run.labels.device");
    }

    @Test
    void durationsParseAndFormat() {
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.format(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThatThrownBy(() -> Durations.parse("5 sec")).isInstanceOf(IllegalArgumentException.class);
    }
}

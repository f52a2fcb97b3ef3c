package io.joulebit.fuzz;

import io.joulebit.config.ConfigException;
import io.joulebit.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent config loader on arbitrary YAML. Invariant: a config, or a ConfigException listing problems; nothing else. */
class ConfigLoaderFuzzTest {
    private static final List<String> DICTIONARY = List.of("\n", "  ", "- ", ": ", "{", "}", "[", "]", "&a ", "*a",
            "<<: *a", "!!binary ", "!!float ", "!!java.lang.Object ", "~", "null", "true", "yes", "---\n", "...\n",
            "? ", "|\n", ">\n", "#", "'", "\"", "\t", "sources:", "enabled: ", "interval: ", "1s", "-5ms", "500ms",
            "path: ", "format: ", "listen: ", "127.0.0.1:0", "[::1]:9877", "params: ", "labels: ", "run:", "model:",
            "export:", "progress:", "log:", "ingest:", "token: ", "store:", "sampling:");

    @Test
    void onlyConfigOrConfigException() throws Exception {
        var stats = FuzzRunner.fuzz("config", DICTIONARY, 16 * 1024, ConfigLoaderFuzzTest::load);
        assertThat(stats.mutants()).isPositive();
    }

    static void load(byte[] input) {
        try {
            assertThat(ConfigLoader.parse(new String(input, StandardCharsets.UTF_8), Map.of())).isNotNull();
        } catch (ConfigException e) {
            assertThat(e.problems()).isNotEmpty().allSatisfy(p -> assertThat(p).isNotBlank());
        }
    }
}

package io.joulebit.fuzz;

import io.joulebit.config.ConfigException;
import io.joulebit.export.web.WebConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The --web.config.file loader on arbitrary YAML (files resolve in an empty directory). Only ConfigException may escape. */
class WebConfigFuzzTest {
    private static final List<String> DICTIONARY = List.of("tls_server_config:", "basic_auth_users:", "cert_file: ",
            "key_file: ", "cert: ", "key: ", "client_auth_type: ", "client_ca_file: ", "min_version: ", "TLS13",
            "RequireAndVerifyClientCert", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
            "-----BEGIN RSA PRIVATE KEY-----\nMAMCAQA=\n-----END RSA PRIVATE KEY-----\n", "$2y$10$", "\n  ", ": ",
            "{", "}", "[", "]", "&a ", "*a", "~", "|\n    ", "../", "/dev/zero", "/proc/self/environ");

    @TempDir Path dir;

    @Test
    void onlyConfigOrConfigException() throws Exception {
        var stats = FuzzRunner.fuzz("web-config", DICTIONARY, 8 * 1024, input -> {
            try {
                assertThat(WebConfigLoader.parse(new String(input, StandardCharsets.UTF_8), "web.yml", dir)).isNotNull();
            } catch (ConfigException e) {
                assertThat(e.problems()).isNotEmpty();
            }
        });
        assertThat(stats.mutants()).isPositive();
    }
}

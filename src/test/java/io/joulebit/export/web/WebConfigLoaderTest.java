package io.joulebit.export.web;

import io.joulebit.cli.Main;
import io.joulebit.config.ConfigException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class WebConfigLoaderTest {
    @TempDir Path dir;

    @BeforeEach
    void pemFiles() throws Exception {
        Files.writeString(dir.resolve("rsa.crt"), PemFixtures.RSA_CERT);
        Files.writeString(dir.resolve("rsa.key"), PemFixtures.RSA_PKCS1_KEY);
        Files.writeString(dir.resolve("ec.crt"), PemFixtures.EC_CERT);
        Files.writeString(dir.resolve("ec.key"), PemFixtures.EC_SEC1_KEY);
        Files.writeString(dir.resolve("enc.key"), PemFixtures.EC_ENCRYPTED_KEY);
    }

    private WebConfig parse(String yaml) throws ConfigException {
        return WebConfigLoader.parse(yaml, "web.yml", dir);
    }

    private String problems(String yaml) {
        return String.join("\n", catchThrowableOfType(() -> parse(yaml), ConfigException.class).problems());
    }

    @Test
    void emptyFileMeansPlainHttpWithoutAuth() throws Exception {
        assertThat(parse("")).isEqualTo(WebConfig.none());
        assertThat(parse("# nothing\n").tls()).isEmpty();
    }

    @Test
    void fullConfigWithRelativePathsResolvedAgainstTheConfigDirectory() throws Exception {
        Files.writeString(dir.resolve("web.yml"), """
                tls_server_config:
                  cert_file: ec.crt
                  key_file: ec.key
                  client_auth_type: RequireAndVerifyClientCert
                  client_ca_file: rsa.crt
                  min_version: TLS13
                basic_auth_users:
                  prometheus: %s
                """.formatted(BasicAuthTest.HASH_2Y));
        WebConfig cfg = WebConfigLoader.load(dir.resolve("web.yml"));
        assertThat(cfg.tls()).get().satisfies(t -> {
            assertThat(t.protocols()).containsExactly("TLSv1.3");
            assertThat(t.clientAuth()).isEqualTo(WebConfig.ClientAuth.REQUIRE_AND_VERIFY);
        });
        assertThat(cfg.basicAuthUsers()).containsEntry("prometheus", BasicAuthTest.HASH_2Y);
        assertThat(cfg.describe()).contains("TLSv1.3", "1 user").doesNotContain(BasicAuthTest.HASH_2Y);
    }

    @Test
    void inlinePemIsAcceptedAndDefaultsAreTls12To13() throws Exception {
        String yaml = "tls_server_config:\n  cert: |\n" + PemFixtures.RSA_CERT.indent(4)
                + "  key: |\n" + PemFixtures.RSA_PKCS1_KEY.indent(4);
        assertThat(parse(yaml).tls()).get().extracting(WebConfig.Tls::protocols)
                .asList().containsExactly("TLSv1.3", "TLSv1.2");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown top key            | tls_config: {}                                                         | web.yml: tls_config: Unknown property
            known but unsupported      | rate_limit: {interval: 1s}                                             | web.yml: rate_limit: not supported by joulebit
            unknown tls key            | tls_server_config: {cert_file: rsa.crt, key_file: rsa.key, cert_fil: x} | web.yml: tls_server_config.cert_fil: Unknown property
            unsupported tls key        | tls_server_config: {cert_file: rsa.crt, key_file: rsa.key, cipher_suites: [x]} | tls_server_config.cipher_suites: not supported
            missing cert file          | tls_server_config: {cert_file: nope.crt, key_file: rsa.key}            | web.yml: tls_server_config.cert_file: cannot read
            device as key file         | tls_server_config: {cert_file: rsa.crt, key_file: /dev/zero}           | tls_server_config.key_file: cannot read /dev/zero: not a regular file
            directory as cert file     | tls_server_config: {cert_file: ., key_file: rsa.key}                   | tls_server_config.cert_file: cannot read
            missing key                | tls_server_config: {cert_file: rsa.crt}                                | tls_server_config.key_file: required for TLS
            key is a certificate       | tls_server_config: {cert_file: rsa.crt, key_file: rsa.crt}             | tls_server_config.key_file: no -----BEGIN PRIVATE KEY
            cert is a key              | tls_server_config: {cert_file: rsa.key, key_file: rsa.key}             | tls_server_config.cert_file: no -----BEGIN CERTIFICATE
            encrypted key              | tls_server_config: {cert_file: ec.crt, key_file: enc.key}              | tls_server_config.key_file: encrypted private keys are not supported
            key of another cert        | tls_server_config: {cert_file: ec.crt, key_file: rsa.key}              | tls_server_config.key_file: unusable with the certificate in cert_file
            both inline and file       | tls_server_config: {cert_file: rsa.crt, cert: x, key_file: rsa.key}    | tls_server_config.cert_file: give either cert or cert_file
            bad min version            | tls_server_config: {cert_file: rsa.crt, key_file: rsa.key, min_version: TLS1.2} | tls_server_config.min_version: Expecting one of TLS10|TLS11|TLS12|TLS13. Found: TLS1.2
            min above max              | tls_server_config: {cert_file: rsa.crt, key_file: rsa.key, min_version: TLS13, max_version: TLS12} | min_version: is above max_version
            unverified client certs    | tls_server_config: {cert_file: rsa.crt, key_file: rsa.key, client_auth_type: RequireAnyClientCert, client_ca_file: ec.crt} | accepts certificates without verifying them
            client CA without policy   | tls_server_config: {cert_file: rsa.crt, key_file: rsa.key, client_ca_file: ec.crt} | client_ca_file: client CAs are configured but client_auth_type is NoClientCert
            policy without client CA   | tls_server_config: {cert_file: rsa.crt, key_file: rsa.key, client_auth_type: RequireAndVerifyClientCert} | client_auth_type: verifying client certificates needs client_ca_file
            tls not a mapping          | tls_server_config: yes                                                 | tls_server_config: Expecting a mapping
            users not a mapping        | basic_auth_users: [a, b]                                               | basic_auth_users: Expecting a mapping
            plain-text password        | basic_auth_users: {prometheus: hunter2}                                | basic_auth_users.prometheus: Expecting a bcrypt hash
            bad yaml                   | 'tls_server_config: {'                                                 | web.yml:
            top level not a mapping    | '- a'                                                                  | web.yml: Expecting a YAML mapping
            """)
    void everyProblemNamesTheFileAndKey(String why, String yaml, String expected) {
        assertThat(problems(yaml)).as(why).contains(expected);
    }

    @Test
    void allProblemsAreReportedAtOnceAndNoSecretIsQuoted() {
        String p = problems("""
                tls_server_config: {cert_file: gone.crt, key_file: gone.key}
                basic_auth_users: {alice: hunter2-is-my-password}
                colour: blue
                """);
        assertThat(p.lines()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(p).contains("cert_file", "key_file", "alice", "colour").doesNotContain("hunter2");
    }

    @Test
    void runRefusesABadWebConfigWithExitCode2() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yml"), "tls_server_config: {cert_file: missing.pem}\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), "run", "--web.config.file", bad.toString(),
                "--store", dir.resolve("store.db").toString(), "--listen", "127.0.0.1:0");
        assertThat(code).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("joulebit run: " + bad + ": tls_server_config.cert_file: cannot read");
    }
}

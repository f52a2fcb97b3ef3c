package io.joulebit.export.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.joulebit.agent.Agent;
import io.joulebit.e2e.Chromium;
import io.joulebit.power.DeviceKind;
import io.joulebit.power.simulated.SimulatedDevice;
import io.joulebit.power.simulated.SimulatedSource;
import io.joulebit.time.NanoClock;
import io.joulebit.run.RunSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live page behind --web.config.file in a real Chromium: over HTTPS, the page and its two API calls each pass
 * basic auth (the browser sends the credentials it was given, as after a login prompt; AgentWebTest holds that the
 * page and the history are 401 without them).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LivePageWebTest {
    @Test
    void pageWorksOverTlsWithBasicAuth(@TempDir Path tmp) throws Exception {
        TestPki pki = TestPki.get();
        WebConfig web = WebConfigLoader.parse("""
                tls_server_config: {cert_file: server-chain.pem, key_file: server-key.pem}
                basic_auth_users: {prometheus: '%s'}
                """.formatted(BasicAuthTest.HASH_2Y), "web.yml", pki.dir);
        try (Agent agent = Agent.builder(RunSettings.defaults("web-page").withParams(1_000_000))
                .powerSources(List.of(new SimulatedSource(List.of(SimulatedDevice.of("gpu0", DeviceKind.GPU, 300, 7)),
                        NanoClock.SYSTEM, false))).sampleInterval(Duration.ofMillis(500))
                .listen("127.0.0.1", 0).web(web).start();
             // The test CA is not in Chromium's store: this browser is told to accept the test certificate.
             Chromium chrome = Chromium.start(tmp, 1024, 768, "--ignore-certificate-errors")) {
            String url = "https://127.0.0.1:" + agent.port() + "/";
            chrome.send("Network.enable", Map.of());
            chrome.send("Network.setExtraHTTPHeaders", Map.of("headers",
                    Map.of("Authorization", BasicAuthTest.basic("prometheus", BasicAuthTest.PASSWORD))));
            chrome.navigate(url);
            JsonNode live = new ObjectMapper().readTree(chrome.evalUntil("the page live over TLS with basic auth",
                    "JSON.stringify({state: document.getElementById('status')?.dataset.state,"
                            + " points: Number(document.getElementById('chart-power')?.dataset.points),"
                            + " run: document.getElementById('run')?.textContent, proto: location.protocol})",
                    v -> v.asText().contains("live") && !v.asText().contains("points\":0"),
                    Duration.ofSeconds(60)).asText());
            assertThat(live.path("state").asText()).isEqualTo("live");
            assertThat(live.path("points").asInt()).isPositive();
            assertThat(live.path("run").asText()).isEqualTo("web-page");
            assertThat(live.path("proto").asText()).isEqualTo("https:");
        }
    }
}

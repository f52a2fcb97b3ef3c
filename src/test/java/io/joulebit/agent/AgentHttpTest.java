package io.joulebit.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.joulebit.power.DeviceKind;
import io.joulebit.power.simulated.SimulatedDevice;
import io.joulebit.power.simulated.SimulatedSource;
import io.joulebit.run.RunSettings;
import io.joulebit.testing.Await;
import io.joulebit.time.NanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent's HTTP surface on a real socket (port 0): scrape formats, JSON API, ingest auth and limits. */
class AgentHttpTest {
    private static final String TOKEN = "test-token-0123456789";
    private final HttpClient http = HttpClient.newHttpClient();
    private Agent agent;

    @BeforeEach
    void start() throws Exception {
        agent = Agent.builder(RunSettings.defaults("http-test").withParams(1_000_000))
                .powerSources(List.of(new SimulatedSource(List.of(SimulatedDevice.of("gpu0", DeviceKind.GPU, 250, 1)),
                        NanoClock.SYSTEM, false)))
                .sampleInterval(Duration.ofMillis(50)).listen("127.0.0.1", 0).ingest(TOKEN, 4096).start();
    }

    @AfterEach
    void stop() { agent.close(); }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + path));
        if (accept != null) b.header("Accept", accept);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String body, String token) throws Exception {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + "/api/v1/steps"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitSteps(long n) {
        Await.until(n + " train steps", Duration.ofSeconds(10), () -> agent.latest().progress().trainSteps() >= n,
                () -> agent.latest().progress().trainSteps());
    }

    @Test
    void metricsInPrometheusTextAndOpenMetricsWhenAsked() throws Exception {
        var text = get("/metrics", null);
        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        assertThat(text.body()).contains("# HELP joulebit_run_steps_total").doesNotContain("# EOF");
        var om = get("/metrics", "application/openmetrics-text; version=1.0.0");
        assertThat(om.headers().firstValue("Content-Type").orElse("")).startsWith("application/openmetrics-text");
        assertThat(om.body()).endsWith("# EOF\n");
        assertThat(get("/healthz", null).body()).isEqualTo("ok\n");
        assertThat(get("/nope", null).statusCode()).isEqualTo(404);
        assertThat(get("/metrics/extra", null).statusCode()).isEqualTo(404);
    }

    @Test
    void ingestNeedsTheBearerTokenAndAppliesAllOrNothing() throws Exception {
        String good = "{\"step\":1,\"loss_nats\":10.8,\"tokens\":1000}\n{\"step\":2,\"loss_nats\":9.5,\"tokens\":2000}\n";
        assertThat(post(good, null).statusCode()).isEqualTo(401);
        assertThat(post(good, "wrong-token-0123456789").statusCode()).isEqualTo(401);
        var bad = post("[{\"step\":3,\"loss_nats\":9.0},{\"step\":4,\"loss_nats\":\"abc\"}]", TOKEN);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("loss_nats").doesNotContain(TOKEN);
        assertThat(post("x".repeat(5000), TOKEN).statusCode()).isEqualTo(413);
        var ok = post(good, TOKEN);
        assertThat(ok.statusCode()).isEqualTo(202);
        awaitSteps(2);
        assertThat(agent.latest().progress().trainSteps()).as("nothing of the rejected body was applied").isEqualTo(2);
        assertThat(agent.latest().progress().tokens()).hasValue(2000);
    }

    @Test
    void runApiCarriesFiguresWithNullsAndFlags() throws Exception {
        JsonNode run = new ObjectMapper().readTree(get("/api/v1/run", null).body());
        assertThat(run.get("run").asText()).isEqualTo("http-test");
        assertThat(run.get("figures").get("information_bits").isNull()).isTrue();
        assertThat(run.get("flags").toString()).contains("no_tokens");
    }
}

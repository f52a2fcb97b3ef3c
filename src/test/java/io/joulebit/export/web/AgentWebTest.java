package io.joulebit.export.web;

import io.joulebit.agent.Agent;
import io.joulebit.run.RunSettings;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole agent with a web config: every route behind TLS and basic auth, ingest behind its bearer token. */
class AgentWebTest {
    @Test
    void agentServesEveryRouteOverHttpsWithBasicAuth() throws Exception {
        TestPki pki = TestPki.get();
        WebConfig web = WebConfigLoader.parse("""
                tls_server_config: {cert_file: server-chain.pem, key_file: server-key.pem}
                basic_auth_users: {prometheus: '%s'}
                """.formatted(BasicAuthTest.HASH_2Y), "web.yml", pki.dir);
        try (Agent agent = Agent.builder(RunSettings.defaults("web-test").withParams(1_000_000))
                .listen("127.0.0.1", 0).ingest("tok", 1 << 16).web(web).start()) {
            HttpClient c = HttpClient.newBuilder().sslContext(TlsEndpointTest.client(pki.ca, null, null))
                    .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
            String base = "https://127.0.0.1:" + agent.port();
            String good = BasicAuthTest.basic("prometheus", BasicAuthTest.PASSWORD);
            for (String path : new String[]{"/metrics", "/healthz", "/api/v1/run", "/", "/api/v1/history"}) {
                HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
                assertThat(c.send(req.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).as(path).isEqualTo(401);
                HttpResponse<String> ok = c.send(req.header("Authorization", good).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(ok.statusCode()).as(path).isEqualTo(200);
            }
            HttpResponse<String> pushed = c.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/steps"))
                    .header("Authorization", "Bearer tok").POST(HttpRequest.BodyPublishers.ofString("{\"step\": 3}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(pushed.statusCode()).isEqualTo(202);
        }
    }
}

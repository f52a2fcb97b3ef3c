package io.joulebit.export.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.joulebit.export.HttpEndpoint;
import io.joulebit.export.IngestRoute;
import io.joulebit.export.Route;
import io.joulebit.progress.StepEvent;
import io.joulebit.time.ManualNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

/** Basic auth, the ingest's own bearer token, and paths that must lead nowhere, on a real socket. */
class BasicAuthEndpointTest {
    private final List<StepEvent> ingested = new CopyOnWriteArrayList<>();
    private HttpEndpoint http;

    @BeforeEach
    void start() throws Exception {
        WebConfig web = new WebConfig(Optional.empty(), Map.of("prometheus", BasicAuthTest.HASH_2Y));
        http = HttpEndpoint.builder("127.0.0.1", 0).web(web, new ManualNanoClock())
                .route("/metrics", req -> Route.Response.text(200, "joulebit_up 1\n"))
                .selfAuthenticating("/api/v1/steps", new IngestRoute("ingest-token", 1 << 16, ingested::addAll,
                        new ManualNanoClock()))
                .start();
    }

    @AfterEach
    void stop() {
        http.close();
    }

    private HttpResponse<String> send(String path, String authorization, String postBody) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path))
                .timeout(Duration.ofSeconds(20));
        if (authorization != null) b.header("Authorization", authorization);
        if (postBody != null) b.POST(HttpRequest.BodyPublishers.ofString(postBody));
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void missingCredentialsGet401WithAChallenge() throws Exception {
        HttpResponse<String> r = send("/metrics", null, null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm="));
        assertThat(r.body()).doesNotContain("joulebit_up");
    }

    @Test
    void wrongPasswordIs401AndNothingOfItComesBack() throws Exception {
        HttpResponse<String> r = send("/metrics", BasicAuthTest.basic("prometheus", "guess-1234"), null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body() + r.headers().map()).doesNotContain("guess-1234", "prometheus:");
    }

    @Test
    void rightPasswordScrapes() throws Exception {
        String good = BasicAuthTest.basic("prometheus", BasicAuthTest.PASSWORD);
        for (int i = 0; i < 3; i++) { // the 2nd and 3rd come from the cache
            HttpResponse<String> r = send("/metrics", good, null);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("joulebit_up 1\n");
        }
    }

    @Test
    void unknownPathsAsk401BeforeTelling404() throws Exception {
        assertThat(send("/nope", null, null).statusCode()).isEqualTo(401);
        assertThat(send("/nope", BasicAuthTest.basic("prometheus", BasicAuthTest.PASSWORD), null).statusCode())
                .isEqualTo(404);
    }

    /** One Authorization header cannot carry both, so ingest keeps its bearer token and is not asked for basic. */
    @Test
    void ingestChecksItsOwnBearerTokenNotBasicAuth() throws Exception {
        String body = "{\"step\": 1, \"loss_nats\": 2.5}";
        assertThat(send("/api/v1/steps", "Bearer ingest-token", body).statusCode()).isEqualTo(202);
        assertThat(send("/api/v1/steps", "Bearer wrong", body).statusCode()).isEqualTo(401);
        assertThat(send("/api/v1/steps", BasicAuthTest.basic("prometheus", BasicAuthTest.PASSWORD), body)
                .statusCode()).isEqualTo(401);
        assertThat(ingested).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../../etc/passwd", "/metrics/../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
            "//etc/passwd", "/metrics/..%2f..%2fetc%2fpasswd", "/./metrics/../../etc/passwd", "/metrics%00"})
    void pathTraversalLeadsNowhere(String path) throws Exception {
        String auth = BasicAuthTest.basic("prometheus", BasicAuthTest.PASSWORD);
        String r = RawHttp.exchange(http.port(), "GET " + path + " HTTP/1.1\r\nHost: a\r\nAuthorization: " + auth
                + "\r\nConnection: close\r\n\r\n");
        assertThat(RawHttp.status(r)).as(path).isEqualTo(404);
        assertThat(r).doesNotContain("root:", "joulebit_up");
    }

    @Test
    void aGetWithABodyIsRefused() throws Exception {
        String auth = BasicAuthTest.basic("prometheus", BasicAuthTest.PASSWORD);
        String r = RawHttp.exchange(http.port(), "GET /metrics HTTP/1.1\r\nHost: a\r\nAuthorization: " + auth
                + "\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello");
        assertThat(RawHttp.status(r)).isEqualTo(413);
    }

    @Test
    void basicAuthOverTls() throws Exception {
        TestPki pki = TestPki.get();
        WebConfig web = WebConfigLoader.parse("""
                tls_server_config: {cert_file: server-chain.pem, key_file: server-key.pem}
                basic_auth_users: {prometheus: '%s'}
                """.formatted(BasicAuthTest.HASH_2Y), "web.yml", pki.dir);
        try (HttpEndpoint https = HttpEndpoint.builder("127.0.0.1", 0).web(web, new ManualNanoClock())
                .route("/metrics", req -> Route.Response.text(200, "ok\n")).start()) {
            HttpClient c = HttpClient.newBuilder().sslContext(TlsEndpointTest.client(pki.ca, null, null))
                    .version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + https.port() + "/metrics"));
            assertThat(c.send(req.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            req.header("Authorization", BasicAuthTest.basic("prometheus", BasicAuthTest.PASSWORD));
            assertThat(c.send(req.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void limitDefaultsNeverOverrideWhatTheLauncherSet() {
        Properties p = new Properties();
        p.setProperty("sun.net.httpserver.maxReqTime", "3");
        assertThat(HttpLimits.applyDefaults(p)).doesNotContain("sun.net.httpserver.maxReqTime")
                .contains("sun.net.httpserver.maxReqHeaders");
        assertThat(p.getProperty("sun.net.httpserver.maxReqTime")).isEqualTo("3");
        assertThat(p.getProperty("sun.net.httpserver.maxRspTime")).isEqualTo(HttpLimits.DEFAULTS.get("sun.net.httpserver.maxRspTime"));
    }
}

package io.joulebit.export.web;

import io.joulebit.export.HttpEndpoint;
import io.joulebit.export.Route;
import io.joulebit.time.NanoClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A real TLS client (java.net.http) against the agent's HTTPS server, with a CA made by keytool in this JVM. */
class TlsEndpointTest {
    static TestPki pki;
    @TempDir Path dir;

    @BeforeAll
    static void pki() throws Exception {
        pki = TestPki.get();
    }

    private HttpEndpoint serve(String webYaml) throws Exception {
        WebConfig web = WebConfigLoader.parse(webYaml, "web.yml", pki.dir);
        return HttpEndpoint.builder("127.0.0.1", 0).web(web, NanoClock.SYSTEM)
                .route("/metrics", req -> Route.Response.text(200, "joulebit_up 1\n")).start();
    }

    private static final String TLS = """
            tls_server_config:
              cert_file: server-chain.pem
              key_file: server-key.pem
            """;

    static SSLContext client(X509Certificate trusted, X509Certificate cert, PrivateKey key) throws Exception {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("ca", trusted);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        KeyManagerFactory kmf = null;
        if (key != null) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("me", key, "x".toCharArray(), new X509Certificate[]{cert, pki.ca});
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, "x".toCharArray());
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    static HttpResponse<String> get(SSLContext ctx, SSLParameters params, int port) throws Exception {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(ctx)
                .connectTimeout(Duration.ofSeconds(10));
        if (params != null) b.sslParameters(params);
        HttpRequest req = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(20)).build();
        return b.build().send(req, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void scrapeOverHttpsWorksWhenTheCaIsTrusted() throws Exception {
        try (HttpEndpoint http = serve(TLS)) {
            HttpResponse<String> r = get(client(pki.ca, null, null), null, http.port());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("joulebit_up 1\n");
            assertThat(r.sslSession()).get().extracting(s -> s.getProtocol()).isIn("TLSv1.3", "TLSv1.2");
        }
    }

    @Test
    void anUntrustedCaFailsTheHandshake() throws Exception {
        try (HttpEndpoint http = serve(TLS)) {
            assertThatThrownBy(() -> get(client(pki.otherCa, null, null), null, http.port()))
                    .isInstanceOf(IOException.class).hasStackTraceContaining("PKIX");
        }
    }

    @Test
    void plainHttpToTheTlsPortGetsNoHttpResponse() throws Exception {
        try (HttpEndpoint http = serve(TLS); Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", http.port()), 10_000);
            s.setSoTimeout(20_000);
            s.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] reply;
            try {
                reply = s.getInputStream().readAllBytes();
            } catch (IOException reset) {
                reply = new byte[0];
            }
            String text = new String(reply, StandardCharsets.ISO_8859_1);
            assertThat(text).doesNotStartWith("HTTP/").doesNotContain("joulebit_up");
        }
    }

    @Test
    void minVersionTls13RefusesATls12OnlyClient() throws Exception {
        try (HttpEndpoint http = serve(TLS + "  min_version: TLS13\n")) {
            SSLContext ctx = client(pki.ca, null, null);
            assertThat(get(ctx, new SSLParameters(null, new String[]{"TLSv1.3"}), http.port()).statusCode())
                    .isEqualTo(200);
            assertThatThrownBy(() -> get(ctx, new SSLParameters(null, new String[]{"TLSv1.2"}), http.port()))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void requiredClientCertificatesAreVerifiedAgainstClientCa() throws Exception {
        try (HttpEndpoint http = serve(TLS + "  client_auth_type: RequireAndVerifyClientCert\n"
                + "  client_ca_file: ca.pem\n")) {
            assertThat(get(client(pki.ca, pki.clientCert, pki.clientKey), null, http.port()).statusCode())
                    .isEqualTo(200);
            assertThatThrownBy(() -> get(client(pki.ca, null, null), null, http.port()))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void pkcs1RsaAndSec1EcServersBothHandshake() throws Exception {
        Files.writeString(dir.resolve("rsa.crt"), PemFixtures.RSA_CERT);
        Files.writeString(dir.resolve("rsa.key"), PemFixtures.RSA_PKCS1_KEY);
        Files.writeString(dir.resolve("ec.crt"), PemFixtures.EC_CERT);
        Files.writeString(dir.resolve("ec.key"), PemFixtures.EC_SEC1_KEY);
        for (String kind : new String[]{"rsa", "ec"}) {
            WebConfig web = WebConfigLoader.parse("tls_server_config: {cert_file: " + kind + ".crt, key_file: "
                    + kind + ".key}", "web.yml", dir);
            X509Certificate self = Pem.certificates(kind.equals("rsa") ? PemFixtures.RSA_CERT : PemFixtures.EC_CERT).get(0);
            try (HttpEndpoint http = HttpEndpoint.builder("127.0.0.1", 0).web(web, NanoClock.SYSTEM)
                    .route("/metrics", req -> Route.Response.text(200, "ok\n")).start()) {
                HttpResponse<String> r = get(client(self, null, null), null, http.port());
                assertThat(r.statusCode()).as(kind).isEqualTo(200);
                assertThat(r.sslSession().orElseThrow().getPeerCertificates()[0]).isEqualTo(self);
            }
        }
    }
}

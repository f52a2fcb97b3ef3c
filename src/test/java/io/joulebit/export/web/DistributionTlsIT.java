package io.joulebit.export.web;

import io.joulebit.testing.SidecarDistribution;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TLS and basic auth from the unpacked sidecar distribution, whose BouncyCastle jar is filtered (pom.xml antrun):
 * the PEM files are read by the classes the distribution ships, not the full jars of the test classpath. A chain
 * and PKCS#8 key from keytool (hostname checked by the JDK's client), then PKCS#1 RSA and SEC1 EC keys (a bare TLS
 * handshake: their certificates name no host).
 */
class DistributionTlsIT {
    @TempDir Path dir;
    /** Each started sidecar with its output file, stopped after the test. */
    private final Map<Process, Path> started = new LinkedHashMap<>();

    @Test
    void servesMetricsOverTlsWithBasicAuthFromEveryKeyFormat() throws Exception {
        SidecarDistribution dist = SidecarDistribution.unpack(dir);
        TestPki pki = TestPki.get();
        int port = start(dist, pki.serverChainPem, pki.serverKeyPem, "pkcs8");
        HttpClient c = HttpClient.newBuilder().sslContext(TlsEndpointTest.client(pki.ca, null, null))
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(20));
        assertThat(c.send(req.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        HttpResponse<String> ok = c.send(req.header("Authorization", auth()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("joulebit_source_up{");

        for (String[] pair : new String[][]{{"rsa-pkcs1", PemFixtures.RSA_PKCS1_KEY, PemFixtures.RSA_CERT},
                {"ec-sec1", PemFixtures.EC_SEC1_KEY, PemFixtures.EC_CERT}}) {
            Path key = Files.writeString(dir.resolve(pair[0] + "-key.pem"), pair[1]);
            Path cert = Files.writeString(dir.resolve(pair[0] + "-cert.pem"), pair[2]);
            assertThat(statusLine(start(dist, cert, key, pair[0]))).as(pair[0]).isEqualTo("HTTP/1.1 200 OK");
        }
    }

    /** Starts `agent/joulebit run` with this certificate and key behind basic auth; its port once it is ready. */
    private int start(SidecarDistribution dist, Path cert, Path key, String name) throws Exception {
        Path web = Files.writeString(dir.resolve(name + "-web.yml"), """
                tls_server_config: {cert_file: '%s', key_file: '%s'}
                basic_auth_users: {prometheus: '%s'}
                """.formatted(cert, key, BasicAuthTest.HASH_2Y));
        Path out = dir.resolve(name + ".out");
        Process p = dist.run(out, "", "--config", dist.home.resolve("config/bench/sidecar.yaml").toString(),
                "--web.config.file", web.toString());
        started.put(p, out);
        URI url = URI.create(SidecarDistribution.awaitReady(out, p));
        assertThat(url.getScheme()).as(name).isEqualTo("https");
        return url.getPort();
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Map.Entry<Process, Path> e : started.entrySet()) SidecarDistribution.stop(e.getKey(), e.getValue());
    }

    private static String auth() { return BasicAuthTest.basic("prometheus", BasicAuthTest.PASSWORD); }

    /** GET /metrics with basic auth over a handshake that trusts the server's self-signed certificate. */
    private static String statusLine(int port) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[]{new X509TrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] chain, String type) {}
            @Override public void checkServerTrusted(X509Certificate[] chain, String type) {}
            @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        }}, null);
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            OutputStream o = s.getOutputStream();
            o.write(("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + auth()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            o.flush();
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            throw new AssertionError("TLS to the sidecar on " + port + " failed", e);
        }
    }
}

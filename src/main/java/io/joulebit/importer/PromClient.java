package io.joulebit.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.joulebit.json.SharedMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A client for the Prometheus HTTP API, enough for an import: range queries split so that no query asks for more
 * than {@link #MAX_POINTS} points per series (Prometheus refuses 11,000), the series API for error messages, basic
 * auth or a bearer token, a CA file for TLS, a timeout per request and retries on network errors and 5xx/429.
 */
public final class PromClient {
    /** Prometheus rejects a range query resolving to more than 11,000 points per series; stay below. */
    static final int MAX_POINTS = 10_000;

    /** How to authenticate: at most one of basic auth or a bearer token. */
    public record Auth(Optional<String> basicUser, Optional<String> basicPassword, Optional<String> bearerToken) {
        public static final Auth NONE = new Auth(Optional.empty(), Optional.empty(), Optional.empty());

        Optional<String> header() {
            if (bearerToken.isPresent()) return Optional.of("Bearer " + bearerToken.get());
            if (basicUser.isPresent()) {
                String pair = basicUser.get() + ":" + basicPassword.orElse("");
                return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
            }
            return Optional.empty();
        }
    }

    private final URI base;
    private final Auth auth;
    private final Duration timeout;
    private final int attempts;
    private final HttpClient http;

    public PromClient(URI base, Auth auth, Optional<Path> caFile, Duration timeout, int attempts) throws ImportException {
        String b = base.toString();
        this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
        this.auth = auth;
        this.timeout = timeout;
        this.attempts = Math.max(1, attempts);
        HttpClient.Builder hb = HttpClient.newBuilder().connectTimeout(timeout);
        if (caFile.isPresent()) hb.sslContext(trusting(caFile.get()));
        this.http = hb.build();
    }

    public URI base() { return base; }

    /** Every series of {@code expr} from {@code from} to {@code to} (epoch seconds) at {@code step} seconds. */
    public List<PromSeries> queryRange(String expr, double from, double to, double step) throws ImportException {
        Map<Map<String, String>, Points> merged = new LinkedHashMap<>();
        double span = step * (MAX_POINTS - 1);
        for (double start = from; start <= to; start += span + step) {
            double end = Math.min(to, start + span);
            JsonNode data = get("/api/v1/query_range?query=" + enc(expr) + "&start=" + num(start) + "&end="
                    + num(end) + "&step=" + num(step));
            for (JsonNode s : data.path("result")) {
                Map<String, String> labels = labels(s.path("metric"));
                Points p = merged.computeIfAbsent(labels, k -> new Points());
                for (JsonNode v : s.path("values")) p.add(v.get(0).asDouble(), Double.parseDouble(v.get(1).asText()));
            }
        }
        List<PromSeries> out = new ArrayList<>();
        merged.forEach((labels, p) -> out.add(p.series(labels)));
        return out;
    }

    /** Label sets of the series matching {@code selector} in the window (for "matches nothing" messages). */
    public List<Map<String, String>> series(String selector, double from, double to) throws ImportException {
        JsonNode data = get("/api/v1/series?match[]=" + enc(selector) + "&start=" + num(from) + "&end=" + num(to));
        List<Map<String, String>> out = new ArrayList<>();
        for (JsonNode s : data) out.add(labels(s));
        return out;
    }

    private JsonNode get(String pathAndQuery) throws ImportException {
        URI uri = URI.create(base + pathAndQuery);
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        auth.header().ifPresent(h -> rb.header("Authorization", h));
        String problem = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                HttpResponse<String> r = http.send(rb.build(), HttpResponse.BodyHandlers.ofString());
                int code = r.statusCode();
                if (code == 401 || code == 403) {
                    throw new ImportException(2, "prometheus at " + base + " refused the request (HTTP " + code
                            + "): check --prometheus-user/--prometheus-password or --prometheus-token");
                }
                JsonNode body = parse(r.body());
                if (code >= 500 || code == 429) {
                    problem = "HTTP " + code + " " + error(body);
                } else if (!"success".equals(body.path("status").asText())) {
                    throw new ImportException(2, "prometheus at " + base + " rejected " + pathAndQuery.split("\\?")[0]
                            + " (HTTP " + code + "): " + error(body));
                } else {
                    return body.path("data");
                }
            } catch (IOException e) {
                problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ImportException(1, "interrupted while querying " + base);
            }
            if (attempt < attempts) pause(attempt);
        }
        throw new ImportException(2, "prometheus at " + base + " unreachable after " + attempts + " tries: " + problem);
    }

    private static JsonNode parse(String body) {
        try {
            return SharedMapper.get().readTree(body);
        } catch (IOException e) {
            return JsonNodeFactory.instance.objectNode().put("error", "not JSON: "
                    + body.substring(0, Math.min(body.length(), 120)).replace('\n', ' '));
        }
    }

    private static String error(JsonNode body) {
        String type = body.path("errorType").asText("");
        String text = body.path("error").asText("no error message");
        return type.isEmpty() ? text : type + ": " + text;
    }

    private static void pause(int attempt) throws ImportException {
        try {
            Thread.sleep(250L << Math.min(attempt, 4)); // retries back off: 0.5 s, 1 s, 2 s ...
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportException(1, "interrupted while retrying");
        }
    }

    private static Map<String, String> labels(JsonNode metric) {
        Map<String, String> m = new TreeMap<>();
        metric.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    private static String num(double v) { return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v); }

    /** Trusts exactly the certificates in a PEM file (the JDK's CertificateFactory reads PEM itself). */
    private static SSLContext trusting(Path caFile) throws ImportException {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
            if (i == 0) throw new ImportException(2, caFile + ": no certificate in the CA file");
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new ImportException(2, caFile + ": cannot read the CA file: " + e.getMessage(), e);
        }
    }

    /** Points of one series across chunks; a chunk never repeats its neighbour's boundary point. */
    private static final class Points {
        private final List<double[]> pts = new ArrayList<>();

        void add(double t, double v) {
            if (!pts.isEmpty() && pts.get(pts.size() - 1)[0] >= t) return;
            pts.add(new double[]{t, v});
        }

        PromSeries series(Map<String, String> labels) {
            double[] t = new double[pts.size()];
            double[] v = new double[pts.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = pts.get(i)[0];
                v[i] = pts.get(i)[1];
            }
            return new PromSeries(labels, t, v);
        }
    }
}

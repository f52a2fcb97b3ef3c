package io.joulebit.export;

import io.joulebit.run.RunSnapshot;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * GET /metrics: the latest snapshot in Prometheus text format, or OpenMetrics when the Accept header asks for it.
 * Reads nothing but the snapshot, so a slow sensor never slows a scrape.
 */
public final class MetricsRoute implements Route {
    private final Supplier<RunSnapshot> latest;
    private final ExpositionFormats formats = ExpositionFormats.init();
    /** The last rendered body: many scrapers of one snapshot (several Prometheus replicas, a load test) render once. */
    private final AtomicReference<Rendered> cache = new AtomicReference<>();

    private record Rendered(RunSnapshot snapshot, boolean openMetrics, byte[] body) {}

    public MetricsRoute(Supplier<RunSnapshot> latest) { this.latest = latest; }

    public static MetricSnapshots families(RunSnapshot s) { return collect(s).build(); }

    private static Families collect(RunSnapshot s) {
        Families f = new Families();
        DeviceFamilies.add(f, s);
        RunFamilies.add(f, s);
        return f;
    }

    @Override
    public Response handle(Request req) throws IOException {
        if (!"GET".equals(req.method()) && !"HEAD".equals(req.method())) {
            return new Response(405, "text/plain", "use GET\n".getBytes(), Map.of("Allow", "GET, HEAD"));
        }
        String accept = req.header("accept");
        boolean om = accept != null && accept.contains("application/openmetrics-text");
        ExpositionFormatWriter w = om ? formats.getOpenMetricsTextFormatWriter() : formats.getPrometheusTextFormatWriter();
        RunSnapshot s = latest.get();
        Rendered c = cache.get();
        if (c == null || c.snapshot() != s || c.openMetrics() != om) {
            byte[] body;
            if (om) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(16384);
                w.write(out, families(s));
                body = out.toByteArray();
            } else {
                body = collect(s).prometheusText();
            }
            c = new Rendered(s, om, body);
            cache.set(c);
        }
        return new Response(200, om ? w.getContentType() : TextExposition.CONTENT_TYPE, c.body(), Map.of());
    }
}

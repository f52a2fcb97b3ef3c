package io.joulebit.export;

import io.joulebit.run.RunSnapshot;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * GET /metrics: the latest snapshot in Prometheus text format, or OpenMetrics when the Accept header asks for it.
 * Reads nothing but the snapshot, so a slow sensor never slows a scrape.
 */
public final class MetricsRoute implements Route {
    private final Supplier<RunSnapshot> latest;
    private final ExpositionFormats formats = ExpositionFormats.init();

    public MetricsRoute(Supplier<RunSnapshot> latest) { this.latest = latest; }

    public static MetricSnapshots families(RunSnapshot s) {
        Families f = new Families();
        DeviceFamilies.add(f, s);
        RunFamilies.add(f, s);
        return f.build();
    }

    @Override
    public Response handle(Request req) throws IOException {
        if (!"GET".equals(req.method()) && !"HEAD".equals(req.method())) {
            return new Response(405, "text/plain", "use GET\n".getBytes(), Map.of("Allow", "GET, HEAD"));
        }
        String accept = req.header("accept");
        ExpositionFormatWriter w = accept != null && accept.contains("application/openmetrics-text")
                ? formats.getOpenMetricsTextFormatWriter() : formats.getPrometheusTextFormatWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        w.write(out, families(latest.get()));
        return new Response(200, w.getContentType(), out.toByteArray(), Map.of());
    }
}

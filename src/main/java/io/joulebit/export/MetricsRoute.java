package io.joulebit.export;

import io.joulebit.run.RunSnapshot;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * GET /metrics: the latest snapshot through client_java's writers, Prometheus text or OpenMetrics as the Accept
 * header asks, gzip when Accept-Encoding allows it. Reads nothing but the snapshot (and, in the sidecar, the
 * process/JVM figures of {@link StandardFamilies}), so a slow sensor never slows a scrape. client_java replaced a
 * hand-written text writer: the difference was ~0.02 % of a core at 1 scrape/s (bench/README.md).
 */
public final class MetricsRoute implements Route {
    /** The standard families change without a new snapshot: a cached body is re-rendered after this long. */
    private static final long MAX_AGE_NANOS = 1_000_000_000L;
    private final Supplier<RunSnapshot> latest;
    private final PrometheusRegistry standard;
    private final LongSupplier nanos;
    private final ExpositionFormats formats = ExpositionFormats.init();
    /** The last rendered body: many scrapers of one snapshot (several Prometheus replicas, a load test) render once. */
    private final AtomicReference<Rendered> cache = new AtomicReference<>();

    private record Rendered(RunSnapshot snapshot, ExpositionFormatWriter writer, boolean gzip, long atNanos,
                            byte[] body) {}

    /** The run's families only (tests, golden files). */
    public MetricsRoute(Supplier<RunSnapshot> latest) { this(latest, null, System::nanoTime); }

    /** @param standard process, build and JVM families to serve beside the run's, or null for none */
    public MetricsRoute(Supplier<RunSnapshot> latest, PrometheusRegistry standard, LongSupplier nanos) {
        this.latest = latest;
        this.standard = standard;
        this.nanos = nanos;
    }

    /** The run's families as client_java snapshots (also what the Micrometer binder reads). */
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
        ExpositionFormatWriter w = writer(req.header("accept"));
        boolean gzip = Gzip.accepted(req.header("accept-encoding"));
        RunSnapshot s = latest.get();
        long now = nanos.getAsLong();
        Rendered c = cache.get();
        if (c == null || c.snapshot() != s || c.writer() != w || c.gzip() != gzip
                || (standard != null && now - c.atNanos() > MAX_AGE_NANOS)) {
            c = new Rendered(s, w, gzip, now, render(w, gzip, s));
            cache.set(c);
        }
        return new Response(200, w.getContentType(), c.body(),
                gzip ? Map.of("Content-Encoding", "gzip", "Vary", "Accept-Encoding") : Map.of("Vary", "Accept-Encoding"));
    }

    /** OpenMetrics when accepted, else Prometheus text; the protobuf format is never served. */
    private ExpositionFormatWriter writer(String accept) {
        return formats.getOpenMetricsTextFormatWriter().accepts(accept) ? formats.getOpenMetricsTextFormatWriter()
                : formats.getPrometheusTextFormatWriter();
    }

    /** @param s the snapshot to serve, or null while the agent starts: the standard families alone */
    private byte[] render(ExpositionFormatWriter w, boolean gzip, RunSnapshot s) throws IOException {
        MetricSnapshots run = s == null ? new MetricSnapshots() : families(s);
        if (standard != null) {
            List<MetricSnapshot> all = new ArrayList<>(run.size() + 16);
            run.forEach(all::add);
            standard.scrape().forEach(all::add);
            run = new MetricSnapshots(all);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16384);
        try (OutputStream out = gzip ? new GZIPOutputStream(bytes, 8192) : bytes) {
            w.write(out, run);
        }
        return bytes.toByteArray();
    }
}

package io.joulebit.export;

import com.sun.net.httpserver.HttpServer;
import io.joulebit.export.micrometer.OtlpExport;
import io.joulebit.export.micrometer.RunMeterBinder;
import io.joulebit.run.RunSnapshot;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** A real OTLP/HTTP receiver on 127.0.0.1:0 decodes what the sidecar's OTLP registry pushes. */
class OtlpExportTest {
    private record Received(Map<String, String> headers, ExportMetricsServiceRequest body) {}

    @Test
    void pushesEveryFamilyWithNamesUnitsValuesAndResourceAttributes() throws Exception {
        BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        receiver.createContext("/v1/metrics", ex -> {
            try (ex) {
                Map<String, String> h = new HashMap<>();
                ex.getRequestHeaders().forEach((k, v) -> h.put(k.toLowerCase(), v.get(0)));
                received.add(new Received(h, ExportMetricsServiceRequest.parseFrom(ex.getRequestBody().readAllBytes())));
                ex.sendResponseHeaders(200, -1);
            }
        });
        receiver.start();
        RunSnapshot s = Scenarios.training();
        OtlpMeterRegistry registry = OtlpExport.start("http://127.0.0.1:" + receiver.getAddress().getPort()
                        + "/v1/metrics", Duration.ofSeconds(1), Map.of("Authorization", "Bearer t0ken"),
                Map.of("deployment.environment", "lab"), s.runId());
        try {
            new RunMeterBinder(() -> s).bindTo(registry);
            Received r = received.poll(30, TimeUnit.SECONDS);
            assertThat(r).as("an OTLP push within 30 s").isNotNull();
            assertThat(r.headers()).containsEntry("authorization", "Bearer t0ken")
                    .containsEntry("content-type", "application/x-protobuf");
            ResourceMetrics rm = r.body().getResourceMetrics(0);
            assertThat(attributes(rm.getResource().getAttributesList())).containsEntry("service.name", "joulebit")
                    .containsEntry("joulebit.run", "golden-train").containsEntry("deployment.environment", "lab");
            Map<String, Metric> metrics = rm.getScopeMetricsList().stream().flatMap(sm -> sm.getMetricsList().stream())
                    .collect(Collectors.toMap(Metric::getName, m -> m));

            Metric energy = metrics.get("joulebit.run.energy");
            assertThat(energy.getUnit()).isEqualTo("joules");
            assertThat(energy.getSum().getIsMonotonic()).isTrue();
            assertThat(energy.getSum().getDataPoints(0).getAsDouble())
                    .isEqualTo(s.figures().energyJoules().value());
            assertThat(attributes(energy.getSum().getDataPoints(0).getAttributesList()))
                    .isEqualTo(Map.of("run", "golden-train", "cluster", "lab"));
            Metric bits = metrics.get("joulebit.information");
            assertThat(bits.getUnit()).isEqualTo("bits");
            assertThat(bits.getGauge().getDataPoints(0).getAsDouble())
                    .isEqualTo(s.figures().netInformationBits().value());
            assertThat(metrics.get("joulebit.device.power").getUnit()).isEqualTo("watts");
            assertThat(metrics.get("joulebit.landauer.efficiency").getUnit()).isEqualTo("ratio");
            assertThat(metrics.get("joulebit.negentropy.flux").getUnit()).isEqualTo("bits_per_second");

            // every series of /metrics is pushed, with its value: OTLP name + unit give the Prometheus name back
            Map<String, Double> pushed = new TreeMap<>();
            metrics.values().forEach(m -> points(m).forEach(p -> pushed.put(prometheusName(m)
                    + labels(p.getAttributesList()), p.getAsDouble())));
            assertThat(pushed).isEqualTo(Exposition.parse(MicrometerMatchesMetricsTest.ownMetrics(s)).samples());
        } finally {
            registry.close();
            receiver.stop(0);
        }
    }

    private static List<NumberDataPoint> points(Metric m) {
        return m.hasSum() ? m.getSum().getDataPointsList() : m.getGauge().getDataPointsList();
    }

    private static String prometheusName(Metric m) {
        String n = m.getName().replace('.', '_') + (m.getUnit().isEmpty() ? "" : "_" + m.getUnit());
        return m.hasSum() ? n + "_total" : n;
    }

    private static String labels(List<KeyValue> kv) {
        Map<String, String> sorted = new TreeMap<>(attributes(kv));
        if (sorted.isEmpty()) return "";
        return sorted.entrySet().stream().map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static Map<String, String> attributes(List<KeyValue> kv) {
        Map<String, String> out = new HashMap<>();
        kv.forEach(a -> out.put(a.getKey(), a.getValue().getStringValue()));
        return out;
    }
}

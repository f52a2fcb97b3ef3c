package io.joulebit.agent;

import com.sun.net.httpserver.HttpServer;
import io.joulebit.config.AgentConfig;
import io.joulebit.config.ConfigException;
import io.joulebit.config.ConfigLoader;
import io.joulebit.export.web.WebConfig;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The sidecar as configured: process and build families on /metrics, gzip, and the OTLP push of export.otlp. */
class SidecarExportsTest {
    @Test
    void otlpIsOffByDefaultAndItsKeysAreValidated() {
        assertThat(ConfigLoader.defaults().export().otlp().endpoint()).isNull();
        assertThat(ConfigLoader.defaults().export().jvmMetrics()).isFalse();
        ConfigException e = catchThrowableOfType(() -> ConfigLoader.parse(
                "export: {otlp: {endpoint: 'localhost:4318', interval: 500ms, header: {}}}", Map.of()),
                ConfigException.class);
        assertThat(e.problems()).containsExactlyInAnyOrder(
                "export.otlp.header: Unknown property. Known: endpoint, headers, interval, resource_attributes",
                "export.otlp.endpoint: Expecting an http:// or https:// URL such as http://127.0.0.1:4318/v1/metrics."
                        + " Found: localhost:4318",
                "export.otlp.interval: Expecting at least 1s. Found: PT0.5S");
    }

    @Test
    void servesProcessAndBuildFamiliesAndPushesOtlp() throws Exception {
        BlockingQueue<ExportMetricsServiceRequest> pushed = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        receiver.createContext("/v1/metrics", ex -> {
            try (ex) {
                pushed.add(ExportMetricsServiceRequest.parseFrom(ex.getRequestBody().readAllBytes()));
                ex.sendResponseHeaders(200, -1);
            }
        });
        receiver.start();
        String yaml = """
                run: {id: otlp-run}
                sources:
                  mode: explicit
                  simulated: {enabled: true, devices: [{name: gpu0, kind: gpu, watts: 300, noise_watts: 0}]}
                  estimate: {enabled: false}
                  rapl: {enabled: false}
                  nvidia_smi: {enabled: false}
                  nvml: {enabled: false}
                store: {enabled: false}
                export:
                  listen: 127.0.0.1:0
                  jvm_metrics: true
                  otlp: {endpoint: "http://127.0.0.1:%d/v1/metrics", interval: 1s,
                         resource_attributes: {k8s.pod.name: trainer-0}}
                """.formatted(receiver.getAddress().getPort());
        AgentConfig cfg = ConfigLoader.parse(yaml, Map.of());
        try (Sidecar sidecar = Sidecar.start(cfg, WebConfig.none())) {
            HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + sidecar.agent().port() + "/metrics")).header("Accept-Encoding", "gzip")
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.headers().firstValue("content-encoding")).hasValue("gzip");
            String body = new String(new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(body).containsPattern("joulebit_build_info\\{revision=\"([0-9a-f]{12}|unknown)\",version=\"0.1.0\"} 1")
                    .contains("process_start_time_seconds ", "process_cpu_seconds_total ",
                            "process_resident_memory_bytes ", "process_open_fds ", "jvm_memory_used_bytes{",
                            "joulebit_device_power_watts{device=\"gpu0\"");

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            Metric energy = null;
            NumberDataPoint gpu = null;
            while (energy == null && System.nanoTime() < deadline) {
                ExportMetricsServiceRequest req = pushed.poll(1, TimeUnit.SECONDS);
                if (req == null) continue;
                var rm = req.getResourceMetrics(0);
                assertThat(rm.getResource().getAttributesList()).anySatisfy(a -> {
                    assertThat(a.getKey()).isEqualTo("k8s.pod.name");
                    assertThat(a.getValue().getStringValue()).isEqualTo("trainer-0");
                }).anySatisfy(a -> assertThat(a.getKey() + "=" + a.getValue().getStringValue())
                        .isEqualTo("joulebit.run=otlp-run"));
                energy = rm.getScopeMetricsList().stream().flatMap(s -> s.getMetricsList().stream())
                        .filter(m -> m.getName().equals("joulebit.device.energy")).findFirst().orElse(null);
                gpu = energy == null ? null : energy.getSum().getDataPointsList().stream()
                        .filter(p -> attributes(p).contains("device=gpu0")).findFirst().orElse(null);
                if (gpu == null || gpu.getAsDouble() <= 0) energy = null;
            }
            assertThat(energy).as("a push with the device's energy within 30 s").isNotNull();
            assertThat(energy.getUnit()).isEqualTo("joules");
            assertThat(attributes(gpu)).isEqualTo(List.of("device=gpu0", "kind=gpu", "method=simulated",
                    "source=simulated"));
        } finally {
            receiver.stop(0);
        }
    }

    private static List<String> attributes(NumberDataPoint p) {
        return p.getAttributesList().stream().map(a -> a.getKey() + "=" + a.getValue().getStringValue()).sorted()
                .toList();
    }
}

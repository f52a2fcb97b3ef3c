package io.joulebit.export;

import io.joulebit.build.BuildInfo;
import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;
import io.joulebit.run.RunAccountant;
import io.joulebit.run.RunSettings;
import io.joulebit.run.RunSnapshot;
import io.joulebit.run.SourceHealth;
import io.joulebit.time.ManualNanoClock;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** /metrics through client_java: negotiation, gzip, escaping, and the standard process and build families. */
class MetricsRouteTest {
    private static Route.Response get(MetricsRoute route, String accept, String encoding) throws Exception {
        Map<String, String> h = new HashMap<>();
        if (accept != null) h.put("accept", accept);
        if (encoding != null) h.put("accept-encoding", encoding);
        return route.handle(new Route.Request("GET", "/metrics", h, new byte[0]));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "null|text/plain; version=0.0.4; charset=utf-8",
            "text/plain;version=0.0.4;q=0.5,*/*;q=0.1|text/plain; version=0.0.4; charset=utf-8",
            "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
                    + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1|application/openmetrics-text; version=1.0.0; charset=utf-8",
            "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited"
                    + "|text/plain; version=0.0.4; charset=utf-8"})
    void negotiatesTheFormatFromAccept(String accept, String contentType) throws Exception {
        Route.Response r = get(new MetricsRoute(Scenarios::training), accept, null);
        assertThat(r.contentType()).isEqualTo(contentType);
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(body).contains("joulebit_run_energy_joules_total{");
        assertThat(body.endsWith("# EOF\n")).isEqualTo(contentType.startsWith("application/openmetrics"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "gzip|true", "gzip, deflate, br|true", "br;q=1.0, gzip;q=0.8|true", "x-gzip|true",
            "gzip;q=0|false", "identity|false", "null|false", "gzipped|false"})
    void gzipOnlyWhenAccepted(String encoding, boolean gzip) throws Exception {
        assertThat(Gzip.accepted(encoding)).isEqualTo(gzip);
        MetricsRoute route = new MetricsRoute(Scenarios::training);
        Route.Response r = get(route, null, encoding);
        String plain = new String(get(route, null, null).body(), StandardCharsets.UTF_8);
        if (gzip) {
            assertThat(r.headers()).containsEntry("Content-Encoding", "gzip");
            byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes();
            assertThat(new String(unzipped, StandardCharsets.UTF_8)).isEqualTo(plain);
            assertThat(r.body().length).isLessThan(plain.length() / 3);
        } else {
            assertThat(r.headers()).doesNotContainKey("Content-Encoding");
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(plain);
        }
    }

    @Test
    void escapesQuotesBackslashesAndNewlinesInLabelValues() throws Exception {
        ManualNanoClock clock = new ManualNanoClock();
        RunSettings d = RunSettings.defaults("we\"ird\\run\nid");
        RunSettings tricky = new RunSettings(d.runId(), Map.of("team", "a\"b\\c\nd", "zone", "é ü"), d.params(),
                d.bitsPerParam(), d.modelTerm(), null, 1, 20, 1, 300, false, 300, null, d.optimizer(), 0, 32,
                d.maxGap());
        RunAccountant acc = new RunAccountant(tricky, clock, InstantSource.fixed(Instant.EPOCH));
        acc.sourcesFrom(() -> List.of(new SourceHealth("x\"y", false, Map.of("re\\ason", 3L), "")));
        acc.onPower(PowerSample.of("gpu\"0", DeviceKind.GPU, "sim\nulated", 0, 100));
        acc.onPower(PowerSample.of("gpu\"0", DeviceKind.GPU, "sim\nulated", 1_000_000_000L, 100));
        RunSnapshot s = acc.publish();
        String body = new String(get(new MetricsRoute(() -> s), null, null).body(), StandardCharsets.UTF_8);
        assertThat(body).contains("team=\"a\\\"b\\\\c\\nd\"", "run=\"we\\\"ird\\\\run\\nid\"", "zone=\"é ü\"",
                "source=\"sim\\nulated\"", "reason=\"re\\\\ason\"");
    }

    @Test
    void servesProcessAndBuildFamiliesBesideTheRunAndJvmOnlyWhenAsked() throws Exception {
        long[] now = {0};
        BuildInfo build = new BuildInfo("9.9.9", "abc123def456");
        String plain = new String(get(new MetricsRoute(Scenarios::training,
                standard(false, build), () -> now[0]), null, null).body(), StandardCharsets.UTF_8);
        assertThat(plain).contains("joulebit_build_info{revision=\"abc123def456\",version=\"9.9.9\"} 1",
                "# TYPE process_start_time_seconds gauge", "# TYPE process_cpu_seconds_total counter",
                "process_resident_memory_bytes ", "process_virtual_memory_bytes ", "process_open_fds ",
                "process_max_fds ", "joulebit_run_energy_joules_total{").doesNotContain("jvm_");
        String jvm = new String(get(new MetricsRoute(Scenarios::training,
                standard(true, build), () -> now[0]), null, null).body(), StandardCharsets.UTF_8);
        assertThat(jvm).contains("jvm_memory_used_bytes{", "jvm_threads_current ", "process_start_time_seconds ",
                "joulebit_build_info{");
    }

    @Test
    void standardFamiliesAreRenderedAgainAfterOneSecondOfTheSameSnapshot() throws Exception {
        long[] now = {0};
        RunSnapshot s = Scenarios.training();
        MetricsRoute route = new MetricsRoute(() -> s, standard(false, BuildInfo.CURRENT), () -> now[0]);
        byte[] first = get(route, null, null).body();
        assertThat(get(route, null, null).body()).isSameAs(first);
        now[0] += 1_000_000_001L;
        assertThat(get(route, null, null).body()).isNotSameAs(first);
        assertThat(get(new MetricsRoute(() -> s), null, null).body()).isNotSameAs(first);
    }

    /** What a sidecar's /metrics holds once its process families joined: build info, process_* and (jvm) jvm_*. */
    private static PrometheusRegistry standard(boolean jvm, BuildInfo build) {
        PrometheusRegistry r = StandardFamilies.build(build);
        StandardFamilies.process(r, jvm);
        return r;
    }
}

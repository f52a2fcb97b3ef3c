package io.joulebit.docs;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/embedding.md's example runs: real DJL training, figures in the PrometheusMeterRegistry and over OTLP. */
class EmbeddedDjlExampleTest {
    @Test
    void theDocumentedExampleExportsThroughPrometheusAndOtlp() throws Exception {
        Set<String> pushed = ConcurrentHashMap.newKeySet();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        receiver.createContext("/v1/metrics", ex -> {
            try (ex) {
                ExportMetricsServiceRequest req = ExportMetricsServiceRequest.parseFrom(ex.getRequestBody().readAllBytes());
                req.getResourceMetricsList().forEach(rm -> rm.getScopeMetricsList().forEach(sm -> sm.getMetricsList()
                        .forEach(m -> pushed.add(m.getName() + (m.hasSum() ? "=" + m.getSum().getDataPoints(0)
                                .getAsDouble() : "")))));
                ex.sendResponseHeaders(200, -1);
            }
        });
        receiver.start();
        try {
            String scrape = EmbeddedDjlExample.train("http://127.0.0.1:" + receiver.getAddress().getPort()
                    + "/v1/metrics", 6);
            assertThat(scrape).contains("joulebit_run_steps_total{run=\"djl-example\"} 6.0",
                    "joulebit_run_tokens_total{run=\"djl-example\"} 768.0", "joulebit_loss_bits{run=\"djl-example\"}",
                    "joulebit_run_info{baseline_method=\"initial-loss\"", "token_origin=\"listener\"")
                    .doesNotContain("NaN");
            // the final push on close carries the finished run
            assertThat(pushed).contains("joulebit.run.steps=6.0", "joulebit.run.tokens=768.0", "joulebit.loss");
        } finally {
            receiver.stop(0);
        }
        String doc = Files.readString(Path.of("docs/embedding.md"));
        for (String line : new String[]{"Agent.embedded(\"djl-example\", 5 * 3 + 5, \"127.0.0.1\", -1, prometheus)",
                "agent.bindTo(otlp);", "JoulebitTrainingListener.builder(agent.stepSink())"}) {
            assertThat(doc).as("docs/embedding.md shows the tested code").contains(line);
        }
    }
}

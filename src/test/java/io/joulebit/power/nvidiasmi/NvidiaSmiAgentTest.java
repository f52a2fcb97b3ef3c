package io.joulebit.power.nvidiasmi;

import static org.assertj.core.api.Assertions.assertThat;

import io.joulebit.agent.Agent;
import io.joulebit.power.gpu.GpuSelection;
import io.joulebit.run.RunSettings;
import io.joulebit.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issue "power sensing", done means: the agent with the fake nvidia-smi on 8 GPUs shows every per-GPU gauge with
 * the right labels; a hang flips source_up to 0 while /metrics keeps answering, and recovery flips it back.
 */
class NvidiaSmiAgentTest {
    private static final String H100 = "linux-x86_64__nvidia-h100-80gb-hbm3-x8__590.48.01.csv";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private String scrape(int port) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new AssertionError("/metrics did not answer: " + e, e);
        }
    }

    @Test
    void eightGpusThenHangThenRecovery(@TempDir Path tmp) throws Exception {
        Path state = Files.createDirectory(tmp.resolve("state"));
        NvidiaSmiConfig cfg = NvidiaSmiConfig.defaults(Map.of())
                .withCommand(Captures.fakeCommand(H100, "--hang-after", "20", "--state", state.toString()))
                .withInterval(Duration.ofMillis(100)).withBackoff(Duration.ofMillis(1500), Duration.ofSeconds(6))
                .withSelection(GpuSelection.all());
        AtomicInteger scrapes = new AtomicInteger();
        try (Agent agent = Agent.builder(RunSettings.defaults("smi")).powerSources(List.of(new NvidiaSmiSource(cfg)))
                .sampleInterval(Duration.ofMillis(100)).listen("127.0.0.1", 0).start()) {
            int port = agent.port();
            Await.until("8 GPUs exported", () -> scrape(port).contains("joulebit_device_power_watts{device=\"gpu7\""));
            String m = scrape(port);
            for (int i = 0; i < 8; i++) {
                String l = "{device=\"gpu" + i + "\",kind=\"gpu\",source=\"nvidia-smi\"}";
                assertThat(m).contains("joulebit_device_power_watts" + l, "joulebit_device_temperature_celsius" + l,
                        "joulebit_device_utilization_ratio" + l, "joulebit_device_power_limit_watts" + l,
                        "joulebit_device_energy_joules_total{device=\"gpu" + i
                                + "\",kind=\"gpu\",method=\"integrated\",source=\"nvidia-smi\"}");
            }
            assertThat(m).contains("joulebit_source_up{source=\"nvidia-smi\"} 1.0");
            Await.until("hang seen as source down", () -> {
                scrapes.incrementAndGet();
                return scrape(port).contains("joulebit_source_up{source=\"nvidia-smi\"} 0.0");
            });
            // The stream marks itself down when rows stop; the stall is counted when the watchdog kills the process.
            Await.until("stall counted", () -> scrape(port)
                    .contains("joulebit_source_errors_total{reason=\"stalled\",source=\"nvidia-smi\"}"));
            Await.until("recovered", () -> scrape(port).contains("joulebit_source_up{source=\"nvidia-smi\"} 1.0"));
            assertThat(scrapes.get()).as("/metrics answered throughout").isPositive();
        }
    }
}

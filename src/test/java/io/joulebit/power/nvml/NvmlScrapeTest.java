package io.joulebit.power.nvml;

import static org.assertj.core.api.Assertions.assertThat;

import io.joulebit.agent.Agent;
import io.joulebit.power.gpu.GpuSelection;
import io.joulebit.run.RunSettings;
import io.joulebit.time.NanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/** The whole agent on the compiled fake NVML, scraped over HTTP: a lost GPU disappears, a hung call stalls nothing. */
class NvmlScrapeTest {
    @TempDir Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    private FakeNvmlLibrary lib;
    private Agent agent;

    @BeforeEach
    void start() throws Exception {
        lib = FakeNvmlLibrary.install(dir);
        for (int i = 0; i < 8; i++) lib.h100(i, 1_000_000L);
        NvmlSource nvml = new NvmlSource(() -> JnaNvmlApi.load(lib.path()), GpuSelection.all(), NanoClock.SYSTEM);
        agent = Agent.builder(RunSettings.defaults("nvml-scrape")).powerSources(List.of(nvml))
                .sampleInterval(Duration.ofMillis(100)).listen("127.0.0.1", 0).start();
    }

    @AfterEach
    void stop() throws Exception {
        lib.clearRules(); // release a blocked sampling thread
        agent.close();
    }

    /**
     * One scrape. The deadline is generous (a loaded CI box can take seconds); a scrape that waited for a blocked
     * NVML call would never answer at all, since the call stays blocked until the test releases it.
     */
    private String scrape() {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + "/metrics"))
                    .timeout(Duration.ofSeconds(30)).build();
            return http.send(req, HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException("scrape failed: " + e, e);
        }
    }

    private String awaitScrape(String what, Predicate<String> ok) {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = "";
        while (System.nanoTime() < end) {
            last = scrape();
            if (ok.test(last)) return last;
            LockSupport.parkNanos(50_000_000L); // spaces the scrapes, bounded by `end`
        }
        throw new AssertionError("not within 60 s: " + what + "\n" + last);
    }

    private static String line(String body, String prefix) {
        return body.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse("");
    }

    private static double value(String body, String prefix) {
        String l = line(body, prefix);
        return l.isEmpty() ? Double.NaN : Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1));
    }

    @Test
    void aGpuLostMidRunLosesItsGaugesAndIsMarkedDown() {
        String gpu5 = "{device=\"gpu5\",kind=\"gpu\",source=\"nvml\"}";
        awaitScrape("eight GPUs up", b -> b.lines().filter(l -> l.startsWith("joulebit_device_up{")
                && l.endsWith(" 1.0")).count() == 8);
        assertThat(scrape()).contains("joulebit_device_power_watts" + gpu5 + " 300.0")
                .contains("joulebit_source_up{source=\"nvml\"} 1.0");
        try {
            lib.fail("DeviceGetPowerUsage", "5", NvmlReturn.GPU_IS_LOST);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String after = awaitScrape("gpu5 down", b -> b.contains("joulebit_device_up" + gpu5 + " 0.0"));
        assertThat(after).doesNotContain("joulebit_device_power_watts" + gpu5)
                .doesNotContain("joulebit_device_temperature_celsius" + gpu5)
                .doesNotContain("joulebit_device_utilization_ratio" + gpu5)
                .contains("joulebit_device_up{device=\"gpu4\",kind=\"gpu\",source=\"nvml\"} 1.0")
                .contains("joulebit_device_power_watts{device=\"gpu4\",kind=\"gpu\",source=\"nvml\"} 300.0")
                .contains("joulebit_source_up{source=\"nvml\"} 0.0")
                .contains("joulebit_source_errors_total{reason=\"gpu_is_lost\",source=\"nvml\"}");
        double uncovered = value(after, "joulebit_energy_uncovered_seconds_total{device=\"gpu5\"}");
        awaitScrape("gpu5's downtime growing as uncovered", b ->
                value(b, "joulebit_energy_uncovered_seconds_total{device=\"gpu5\"}") > uncovered + 0.2);
    }

    @Test
    void aBlockedNvmlCallNeverBlocksAScrape() throws Exception {
        awaitScrape("eight GPUs up", b -> b.contains("joulebit_device_up{device=\"gpu7\",kind=\"gpu\",source=\"nvml\"} 1.0"));
        lib.block("DeviceGetPowerUsage", "*");
        assertThat(scrape()).contains("joulebit_device_energy_joules_total");
        // While the sampling thread hangs in NVML, every GPU goes down, and scrapes still answer.
        String down = awaitScrape("all down while NVML hangs", b -> b.lines()
                .filter(l -> l.startsWith("joulebit_device_up{") && l.endsWith(" 0.0")).count() == 8);
        assertThat(down).doesNotContain("joulebit_device_power_watts{");
        lib.clearRules();
        awaitScrape("back up", b -> b.lines().filter(l -> l.startsWith("joulebit_device_up{") && l.endsWith(" 1.0"))
                .count() == 8);
    }
}

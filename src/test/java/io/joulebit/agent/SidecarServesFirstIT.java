package io.joulebit.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.joulebit.config.AgentConfig;
import io.joulebit.config.ConfigLoader;
import io.joulebit.export.web.WebConfig;
import io.joulebit.power.Availability;
import io.joulebit.power.PowerSample;
import io.joulebit.power.PowerSource;
import io.joulebit.power.SourceException;
import io.joulebit.store.Checkpoint;
import io.joulebit.testing.Await;
import io.joulebit.time.NanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serve first (issue 28): a sidecar whose power-source probe blocks already answers /metrics, with joulebit_ready 0
 * and no run or device family, so a resumed counter is never exported before the resume restored it; once the probe
 * returns, the run is live and its counters continue from the stored checkpoint.
 */
class SidecarServesFirstIT {
    private static final String RUN = "serve-first";
    private static final int STEPS = 40;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir Path dir;

    /** A simulated GPU whose probe waits until the test lets it go, as a wedged driver or a slow sysfs would. */
    private static final class SlowProbe implements PowerSource {
        private final PowerSource delegate;
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        SlowProbe(PowerSource delegate) { this.delegate = delegate; }

        @Override public String name() { return delegate.name(); }

        @Override
        public Availability probe() {
            entered.countDown();
            try {
                if (!release.await(60, TimeUnit.SECONDS)) throw new AssertionError("probe never released");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return delegate.probe();
        }

        @Override public List<PowerSample> sample() throws SourceException { return delegate.sample(); }

        @Override public void close() { delegate.close(); }
    }

    @Test
    void answersMetricsWhileTheProbeBlocksAndPublishesCountersOnlyAfterTheResume() throws Exception {
        Path log = dir.resolve("train.log");
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= STEPS; i++) lines.append("{\"step\": ").append(i).append(", \"loss\": 2.5, \"tokens\": ")
                .append(i * 1000).append("}\n");
        Files.writeString(log, lines);
        AgentConfig cfg = ConfigLoader.load(ChildSidecar.writeConfig(dir, log, dir.resolve("joulebit.db")),
                Map.of("run.id", RUN));

        try (Sidecar first = Sidecar.start(cfg, WebConfig.none())) {
            Await.until("the first life counted every step", Duration.ofSeconds(30),
                    () -> first.agent().latest().progress().trainSteps() == STEPS);
        }
        Checkpoint stored = ChildSidecar.latest(dir.resolve("joulebit.db"), RUN).orElseThrow();
        assertThat(stored.steps()).isEqualTo(STEPS);

        SlowProbe[] slow = new SlowProbe[1];
        try (Sidecar second = Sidecar.start(cfg, WebConfig.none(), () -> {
            PowerSource simulated = PowerSources.candidates(cfg.sources(), Map.of(), NanoClock.SYSTEM)
                    .stream().filter(s -> s.name().equals("simulated")).findFirst().orElseThrow();
            return PowerSources.select(cfg.sources(), List.of(slow[0] = new SlowProbe(simulated)));
        })) {
            Await.until("the probe is under way", () -> slow[0] != null && slow[0].entered.getCount() == 0);
            HttpResponse<String> early = get(second.port(), "/metrics");
            assertThat(early.statusCode()).isEqualTo(200);
            assertThat(early.body()).contains("joulebit_ready 0.0", "joulebit_build_info{", "process_cpu_seconds_total")
                    .as("no run or device family before the sources and the resume")
                    .doesNotContain("joulebit_run_steps_total", "joulebit_source_up", "joulebit_device_");
            assertThat(get(second.port(), "/api/v1/run").statusCode()).isEqualTo(503);
            assertThat(second.started()).isNotDone();

            slow[0].release.countDown();
            second.started().get(30, TimeUnit.SECONDS);
            HttpResponse<String> live = get(second.port(), "/metrics");
            assertThat(live.body()).contains("joulebit_ready 1.0", "joulebit_source_up{source=\"simulated\"} 1.0");
            assertThat(value(live.body(), "joulebit_run_steps_total")).as("resumed, never below the stored count")
                    .isGreaterThanOrEqualTo(STEPS);
            assertThat(get(second.port(), "/api/v1/run").statusCode()).isEqualTo(200);
        } finally {
            if (slow[0] != null) slow[0].release.countDown();
        }
    }

    @Test
    void aStartThatFailsBehindTheEndpointReportsWhyAndClosesIt() throws Exception {
        AgentConfig cfg = ConfigLoader.load(ChildSidecar.writeConfig(dir, dir.resolve("train.log"),
                dir.resolve("joulebit.db")), Map.of("run.id", RUN));
        Sidecar s = Sidecar.start(cfg, WebConfig.none(), () -> {
            throw new IllegalStateException("probe exploded");
        });
        int port = s.port();
        assertThat(s.started()).failsWithin(Duration.ofSeconds(30))
                .withThrowableOfType(ExecutionException.class)
                .withMessageContaining("probe exploded");
        s.close(); // nothing left to close: returns at once
        Await.until("the endpoint is closed", () -> {
            try {
                get(port, "/metrics");
                return false;
            } catch (IOException e) {
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        });
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double value(String exposition, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*} (\\S+)$").matcher(exposition);
        assertThat(m.find()).as(name + " in\n" + exposition).isTrue();
        return Double.parseDouble(m.group(1));
    }
}

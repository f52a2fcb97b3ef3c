package io.joulebit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.joulebit.health.Health;
import io.joulebit.health.HealthLog;
import io.joulebit.power.Availability;
import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;
import io.joulebit.power.PowerSource;
import io.joulebit.power.SourceException;
import io.joulebit.testing.Await;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

class PowerSamplerTest {
    /** A source whose behaviour a test switches: ok, failing, or wedged inside sample(). */
    static final class Scripted implements PowerSource {
        final String name;
        volatile String mode = "ok";
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger calls = new AtomicInteger();

        Scripted(String name) { this.name = name; }

        @Override public String name() { return name; }

        @Override public Availability probe() { return Availability.available("test", List.of(name)); }

        @Override public List<PowerSample> sample() throws SourceException {
            calls.incrementAndGet();
            switch (mode) {
                case "fail" -> throw new SourceException("io", "device vanished");
                case "hang" -> {
                    try { release.await(); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
                }
                default -> { }
            }
            return List.of(PowerSample.of(name + "-dev", DeviceKind.GPU, name, System.nanoTime(), 100));
        }
    }


    @Test
    void aWedgedSourceDelaysNeitherTheOthersNorTheirHealth() throws Exception {
        Scripted hung = new Scripted("hung");
        hung.mode = "hang";
        Scripted fine = new Scripted("fine");
        Set<String> seen = ConcurrentHashMap.newKeySet();
        try (PowerSampler sampler = new PowerSampler(List.of(hung, fine), Duration.ofMillis(20))) {
            sampler.start(batch -> batch.forEach(s -> seen.add(s.device())));
            Await.until("condition", () -> fine.calls.get() >= 5);
            assertThat(seen).containsExactly("fine-dev");
            hung.release.countDown();
            Await.until("condition", () -> seen.contains("hung-dev"));
        }
    }

    @Test
    void failuresAreCountedByReasonAndRecoveryFlipsUpBack() throws Exception {
        Scripted s = new Scripted("flaky");
        s.mode = "fail";
        try (PowerSampler sampler = new PowerSampler(List.of(s), Duration.ofMillis(10))) {
            sampler.start(batch -> { });
            Await.until("condition", () -> s.calls.get() >= 3);
            SourceHealth down = sampler.health().get(0);
            assertThat(down.up()).isFalse();
            assertThat(down.errorsByReason().get("io")).isGreaterThanOrEqualTo(2L);
            assertThat(down.lastError()).contains("vanished");
            s.mode = "ok";
            Await.until("condition", () -> sampler.health().get(0).up());
        }
    }

    /** Like rapl: counts each failed device read in its own health, then throws for the round as counted. */
    static final class SelfCounting implements PowerSource {
        final HealthLog health = new HealthLog(LoggerFactory.getLogger(SelfCounting.class));
        volatile int failingDevices = 2;

        @Override public String name() { return "self"; }

        @Override public Availability probe() { return Availability.available("test", List.of("a", "b")); }

        @Override public List<PowerSample> sample() throws SourceException {
            if (failingDevices == 0) return List.of(PowerSample.of("a", DeviceKind.CPU, "self", System.nanoTime(), 5));
            for (int d = 0; d < failingDevices; d++) health.failure("dev" + d, "permission", "EACCES dev" + d);
            throw new SourceException("permission", "no device readable").counted();
        }

        @Override public Health health() { return health.health(true); }
    }

    @Test
    void eachFailureCountsOnceWhetherTheSourceOrTheSamplerCountsIt() {
        SelfCounting self = new SelfCounting();
        Scripted plain = new Scripted("plain");
        plain.mode = "fail";
        try (PowerSampler sampler = new PowerSampler(List.of(self, plain), Duration.ofSeconds(1))) {
            for (int round = 0; round < 3; round++) sampler.sampleNow(batch -> { });
            SourceHealth s = sampler.health().get(0);
            assertThat(s.up()).as("the failed round marks it down").isFalse();
            assertThat(s.errorsByReason()).as("2 devices x 3 rounds, the rounds not counted again")
                    .containsExactly(Map.entry("permission", 6L));
            assertThat(s.lastError()).isEqualTo("no device readable");
            SourceHealth p = sampler.health().get(1);
            assertThat(p.errorsByReason()).as("a source that keeps no books: the sampler counts")
                    .containsExactly(Map.entry("io", 3L));

            self.failingDevices = 0;
            plain.mode = "ok";
            sampler.sampleNow(batch -> { });
            assertThat(sampler.health()).allSatisfy(h -> assertThat(h.up()).isTrue());
            assertThat(sampler.health().get(0).errorsByReason()).containsEntry("permission", 6L);
        }
    }
}

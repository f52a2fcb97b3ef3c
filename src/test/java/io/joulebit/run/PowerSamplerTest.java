package io.joulebit.run;

import io.joulebit.testing.Await;
import io.joulebit.power.Availability;
import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;
import io.joulebit.power.PowerSource;
import io.joulebit.power.SourceException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

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
}

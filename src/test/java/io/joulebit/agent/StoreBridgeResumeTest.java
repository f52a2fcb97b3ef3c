package io.joulebit.agent;

import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;
import io.joulebit.power.RawCounter;
import io.joulebit.run.RunAccountant;
import io.joulebit.run.RunSettings;
import io.joulebit.run.RunSnapshot;
import io.joulebit.store.Checkpoint;
import io.joulebit.store.RunStore;
import io.joulebit.store.StoreOptions;
import io.joulebit.time.ManualNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The store bridge end to end on a real store file: /metrics totals are those of the last committed checkpoint, and
 * a restart catches up the downtime from the stored raw counter when the boot is the same (else a reboot gap).
 */
class StoreBridgeResumeTest {
    private static final String RUN = "resume-test";
    private static final Instant T0 = Instant.parse("2026-12-06T03:00:00Z");
    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final InstantSource wall = now::get;
    private final ManualNanoClock mono = new ManualNanoClock(7_000_000_000L);

    private PowerSample gpu(double raw) {
        return PowerSample.of("gpu0", DeviceKind.GPU, "nvml", mono.nanoTime(), 200).withEnergyJoules(raw)
                .withRawCounter(new RawCounter(raw, "GPU-a", "load-1", Double.NaN, 300));
    }

    private void advance(Duration d) {
        mono.advance(d);
        now.updateAndGet(t -> t.plus(d));
    }

    private RunStore open(Path dir) {
        return RunStore.open(StoreOptions.defaults(dir.resolve("store.db")).withClocks(wall, mono));
    }

    /** One agent life: resume, read the counter every second for {@code seconds}, checkpoint, flush. */
    private StoreBridge live(RunStore store, RunAccountant acc, String boot, double raw0, int seconds) {
        StoreBridge bridge = new StoreBridge(store, acc.settings(), wall, mono, Duration.ofSeconds(1)).bootId(boot);
        Optional<Checkpoint> last = latest(store);
        bridge.resume(acc, last, now.get());
        for (int i = 0; i <= seconds; i++) {
            acc.onPower(gpu(raw0 + 200.0 * i));
            bridge.onPublish(acc.publish());
            if (i < seconds) advance(Duration.ofSeconds(1));
        }
        assertThat(store.flush(Duration.ofSeconds(10))).isTrue();
        return bridge;
    }

    private static Optional<Checkpoint> latest(RunStore store) {
        try {
            return store.latestCheckpoint(RUN);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static double exportedGpuJoules(StoreBridge b, RunSnapshot s) {
        return b.view().visible(s).devices().get(0).energyJoules();
    }

    @Test
    void metricsShowOnlyCommittedTotals(@TempDir Path dir) {
        try (RunStore store = open(dir)) {
            RunAccountant acc = new RunAccountant(RunSettings.defaults(RUN), mono, wall);
            StoreBridge bridge = live(store, acc, "boot-a", 10_000, 5); // 1 kJ counted, checkpointed at 5 s
            advance(Duration.ofMillis(500));
            acc.onPower(gpu(11_100)); // 100 J more, not checkpointed: the interval has not passed
            RunSnapshot s = acc.publish();
            bridge.onPublish(s);
            assertThat(s.devices().get(0).energyJoules()).isCloseTo(1_100, within(1e-9));
            assertThat(exportedGpuJoules(bridge, s)).isCloseTo(1_000, within(1e-9));
            assertThat(bridge.view().visible(s).figures().energyJoules().value()).isCloseTo(1_000, within(1e-9));
            assertThat(bridge.view().visible(s)).as("memoised: one snapshot renders once")
                    .isSameAs(bridge.view().visible(s));
            advance(Duration.ofMillis(500));
            bridge.onPublish(acc.publish());
            assertThat(store.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(exportedGpuJoules(bridge, acc.publish())).isCloseTo(1_100, within(1e-9));
        }
    }

    @Test
    void aRestartInTheSameBootAddsTheDowntimeAsMeasured(@TempDir Path dir) {
        try (RunStore store = open(dir)) {
            live(store, new RunAccountant(RunSettings.defaults(RUN), mono, wall), "boot-a", 10_000, 5);
        }
        advance(Duration.ofSeconds(20)); // down for 20 s at 200 W: the counter moved 4 kJ (+200 J per second after)
        try (RunStore store = open(dir)) {
            RunAccountant acc = new RunAccountant(RunSettings.defaults(RUN), mono, wall);
            StoreBridge bridge = live(store, acc, "boot-a", 11_000 + 4_000, 2);
            RunSnapshot s = acc.publish();
            assertThat(s.devices().get(0).energyJoules()).isCloseTo(1_000 + 4_000 + 400, within(1e-6));
            assertThat(s.devices().get(0).uncoveredSeconds()).isZero();
            assertThat(bridge.resumeGaps()).isEmpty();
            assertThat(latest(store).orElseThrow().devices().get("gpu0").counter().orElseThrow().joules())
                    .isEqualTo(15_400);
        }
    }

    @Test
    void aCounterFromAnotherBootIsNeverComparedButCountedOnce(@TempDir Path dir) {
        try (RunStore store = open(dir)) {
            live(store, new RunAccountant(RunSettings.defaults(RUN), mono, wall), "boot-a", 10_000, 5);
        }
        advance(Duration.ofSeconds(20));
        try (RunStore store = open(dir)) {
            RunAccountant acc = new RunAccountant(RunSettings.defaults(RUN), mono, wall);
            StoreBridge bridge = live(store, acc, "boot-b", 11_500, 2); // would look plausible: must not be added
            RunSnapshot s = acc.publish();
            assertThat(s.devices().get(0).energyJoules()).isCloseTo(1_000 + 400, within(1e-6));
            assertThat(s.devices().get(0).uncoveredSeconds()).isCloseTo(20, within(1e-3));
            assertThat(bridge.resumeGaps()).isEqualTo(Map.of("gpu0", Map.of("reboot", 1L)));
            assertThat(bridge.view().visible(s).devices().get(0).energyJoules()).isCloseTo(1_400, within(1e-6));
        }
    }

    @Test
    void bootIdIsReadFromItsFile(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("boot_id"), "0b1e2c3d-aaaa-bbbb-cccc-0123456789ab\n");
        assertThat(BootId.read(f)).isEqualTo("0b1e2c3d-aaaa-bbbb-cccc-0123456789ab");
        assertThat(BootId.read(dir.resolve("missing"))).isEqualTo("unknown");
    }
}

package io.joulebit.power.nvidiasmi;

import io.joulebit.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.joulebit.power.Availability;
import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;
import io.joulebit.power.gpu.GpuSelection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NvidiaSmiSourceTest {
    private static final String H100 = "linux-x86_64__nvidia-h100-80gb-hbm3-x8__590.48.01.csv";
    private static final String LAPTOP = "linux-x86_64__geforce-gtx-1050-ti-max-q-laptop__470.199.02.csv";
    private static final Set<Double> H100_WATTS = Set.of(631.95, 618.40, 644.27, 602.81, 637.02, 625.55, 611.19,
            629.64, 634.10, 620.73, 646.88, 605.36, 639.41, 627.93, 613.70, 631.22, 69.85, 71.02, 70.44, 68.97,
            70.16, 69.51, 71.38, 70.07);

    @TempDir
    Path tmp;
    private NvidiaSmiSource source;

    @AfterEach
    void close() {
        if (source != null) {
            source.close();
        }
    }

    private NvidiaSmiSource start(List<String> command, GpuSelection selection, Duration backoff) {
        NvidiaSmiConfig config = NvidiaSmiConfig.defaults(Map.of()).withCommand(command)
                .withInterval(Duration.ofMillis(100)).withBackoff(backoff, backoff.multipliedBy(4))
                .withSelection(selection);
        source = new NvidiaSmiSource(config);
        source.start();
        return source;
    }

    private static Set<String> devices(List<PowerSample> samples) {
        return samples.stream().map(PowerSample::device).collect(Collectors.toSet());
    }

    @Test
    void streamsEightGpusFromOneProcess() {
        start(Captures.fakeCommand(H100), GpuSelection.all(), Duration.ofMillis(50));
        Await.until("8 GPUs sampled", () -> source.sample().size() == 8, source::health);

        List<PowerSample> samples = source.sample();
        assertThat(samples).extracting(PowerSample::device)
                .containsExactly("gpu0", "gpu1", "gpu2", "gpu3", "gpu4", "gpu5", "gpu6", "gpu7");
        assertThat(samples).allSatisfy(s -> {
            assertThat(s.kind()).isEqualTo(DeviceKind.GPU);
            assertThat(s.source()).isEqualTo("nvidia-smi");
            assertThat(H100_WATTS).contains(s.watts());
            assertThat(s.powerLimitWatts()).hasValue(700.0);
        });
        assertThat(source.gpus()).extracting(g -> g.name()).containsOnly("NVIDIA H100 80GB HBM3");
        long rows = source.rowsTotal();
        Await.until("rows keep streaming", () -> source.rowsTotal() >= rows + 16, source::health);
        assertThat(source.health().up()).isTrue();
        assertThat(source.restarts()).isZero();
    }

    @Test
    void oldDriverWithoutPowerSensorGivesAbsentWattsNotZero() {
        start(Captures.fakeCommand(LAPTOP), GpuSelection.all(), Duration.ofMillis(50));
        Await.until("laptop row", () -> source.sample().size() == 1, source::health);
        PowerSample s = source.sample().get(0);
        assertThat(s.watts()).isNaN();
        assertThat(s.hasWatts()).isFalse();
        assertThat(s.powerLimitWatts()).isEmpty();
        assertThat(s.celsius()).hasValue(52.0);
        assertThat(s.utilization()).hasValue(0.38);
        assertThat(source.health().errorsByReason()).doesNotContainKeys("probe_failed", "exited", "garbage");
    }

    @Test
    void crashedProcessIsRestartedAndRowsRecover() throws Exception {
        Path state = Files.createDirectory(tmp.resolve("state"));
        start(Captures.fakeCommand(H100, "--exit-after", "2", "--exit-code", "15", "--partial", "--state",
                state.toString()), GpuSelection.all(), Duration.ofMillis(50));
        Await.until("exit seen and restarted", () -> source.health().errors("exited") >= 1
                && source.restarts() >= 1, source::health);
        long rowsAfterCrash = source.rowsTotal();
        Await.until("rows after restart", () -> source.health().up()
                && source.rowsTotal() >= rowsAfterCrash + 8, source::health);
        assertThat(source.health().errors("partial")).isEqualTo(1);
        assertThat(source.sample()).hasSize(8);
    }

    @Test
    void hungProcessTreeIsKilledAndUpFlipsFalseThenTrue() throws Exception {
        Path state = Files.createDirectory(tmp.resolve("state"));
        Path pidFile = tmp.resolve("sleep.pid");
        // a long backoff keeps the "down" window wide enough to observe
        start(Captures.fakeCommand(H100, "--hang-after", "3", "--state", state.toString(), "--pid-file",
                pidFile.toString()), GpuSelection.all(), Duration.ofMillis(1500));
        Await.until("up", () -> source.health().up(), source::health);
        Await.until("hang detected", () -> !source.health().up(), source::health);
        assertThat(source.health().errors("stalled")).isEqualTo(1);
        long sleepPid = Long.parseLong(Files.readString(pidFile).trim());
        Await.until("the sleeping grandchild is killed too",
                () -> ProcessHandle.of(sleepPid).map(h -> !h.isAlive()).orElse(true));
        Await.until("up again after restart", () -> source.health().up(), source::health);
        assertThat(source.restarts()).isEqualTo(1);
        Await.until("fresh rows", () -> source.sample().size() == 8, source::health);
    }

    @Test
    void garbageLinesAreCountedAndSkipped() {
        start(Captures.fakeCommand(H100, "--garbage-every", "1"), GpuSelection.all(), Duration.ofMillis(50));
        Await.until("garbage counted", () -> source.health().errors("garbage") >= 2, source::health);
        assertThat(source.sample()).hasSize(8).allSatisfy(s -> assertThat(H100_WATTS).contains(s.watts()));
        assertThat(source.health().errors("exited")).isZero();
    }

    @Test
    void cudaVisibleDevicesByIndex() {
        start(Captures.fakeCommand(H100), GpuSelection.fromEnvironment(Map.of("CUDA_VISIBLE_DEVICES", "1,3")),
                Duration.ofMillis(50));
        Await.until("rows", () -> source.rowsTotal() >= 16, source::health);
        assertThat(devices(source.sample())).containsExactlyInAnyOrder("gpu1", "gpu3");
        assertThat(source.gpus()).extracting(g -> g.uuid())
                .containsExactly("GPU-a3e0c7d2-91b4-57f8-0c63-2d9e8f1b4a70", "GPU-7b41e8d9-2c06-93fa-5e17-a08c3d6f2b94");
    }

    @Test
    void cudaVisibleDevicesByUuidPrefix() {
        start(Captures.fakeCommand(H100),
                GpuSelection.fromEnvironment(Map.of("CUDA_VISIBLE_DEVICES", "GPU-c2d7f305,GPU-4f3b9c12-a6e7")),
                Duration.ofMillis(50));
        Await.until("rows", () -> source.rowsTotal() >= 16, source::health);
        assertThat(devices(source.sample())).containsExactlyInAnyOrder("gpu4", "gpu7");
    }

    @Test
    void probeListsSelectedGpus() {
        NvidiaSmiConfig config = NvidiaSmiConfig.defaults(Map.of("CUDA_VISIBLE_DEVICES", "0,2"))
                .withCommand(Captures.fakeCommand(H100));
        try (NvidiaSmiSource s = new NvidiaSmiSource(config)) {
            Availability a = s.probe();
            assertThat(a.available()).isTrue();
            assertThat(a.devices()).containsExactly("gpu0", "gpu2");
            assertThat(a.reason()).startsWith("2 of 8 GPUs");
        }
    }

    @Test
    void probeOfAMissingBinaryIsUnavailableNotAnException() {
        NvidiaSmiConfig config = NvidiaSmiConfig.defaults(Map.of())
                .withCommand(List.of(tmp.resolve("no-such-nvidia-smi").toString()));
        try (NvidiaSmiSource s = new NvidiaSmiSource(config)) {
            Availability a = s.probe();
            assertThat(a.available()).isFalse();
            assertThat(a.reason()).startsWith("nvidia-smi not found: ");
            assertThat(s.sample()).isEmpty(); // sampling a missing binary never throws either
        }
    }

    @Test
    void probeOfAFailingBinaryReportsExitAndMessage() {
        NvidiaSmiConfig config = NvidiaSmiConfig.defaults(Map.of())
                .withCommand(List.of("sh", Captures.fakeScript().toString(), "--capture", "/nonexistent.csv"));
        try (NvidiaSmiSource s = new NvidiaSmiSource(config)) {
            Availability a = s.probe();
            assertThat(a.available()).isFalse();
            assertThat(a.reason()).startsWith("nvidia-smi failed (exit 9): fake-nvidia-smi: no readable --capture");
        }
    }

    @Test
    void noneSelectedIsUnavailableWithTheReason() {
        NvidiaSmiConfig config = NvidiaSmiConfig.defaults(Map.of("CUDA_VISIBLE_DEVICES", "NoDevFiles"))
                .withCommand(Captures.fakeCommand(H100));
        try (NvidiaSmiSource s = new NvidiaSmiSource(config)) {
            Availability a = s.probe();
            assertThat(a.available()).isFalse();
            assertThat(a.reason()).contains("NoDevFiles").contains("gpu7");
        }
    }
}

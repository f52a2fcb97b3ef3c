package io.joulebit.e2e;

import io.joulebit.testing.Await;
import io.joulebit.agent.ChildSidecar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The issue-14 proof: a real Prometheus scrapes a child-JVM sidecar every second while it is SIGKILLed and restarted
 * five times, on a growing log, a counter-backed device (a fake RAPL zone whose energy_uj a thread here advances
 * from wall time at 150 W, also while the agent is down) and a watts-only one (a simulated 300 W GPU: its downtime is
 * uncovered, and nothing covers up a total that would go back). Over the whole window Prometheus sees no reset of
 * any resumed counter, and cpu0's energy increase matches what the fake counter counted, downtime included.
 * <p>
 * The counter stands still at both ends of the window (before the first scrape, and at the end until the agent has
 * committed its last reading), so the fake counter's increase over the window is known exactly while /metrics, which
 * shows only committed totals, lags by up to a checkpoint interval in between.
 */
class ResumePrometheusE2ETest {
    private static final String RUN = "resume-e2e";
    private static final double WATTS = 150;
    private static final long RANGE_UJ = 262_143_328_850L;
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String ENERGY = "joulebit_device_energy_joules_total{device=\"cpu0\"}";
    private static final List<String> RESUMED = List.of("joulebit_run_energy_joules_total",
            "joulebit_device_energy_joules_total", "joulebit_energy_uncovered_seconds_total",
            "joulebit_run_steps_total", "joulebit_run_tokens_total");

    /** energy_uj = E0 + 150 W × counting time, wrapped like the hardware; written every 20 ms by rename. */
    private static final class FakeRaplZone implements AutoCloseable {
        private final Path energy;
        private final AtomicBoolean counting = new AtomicBoolean();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;
        private volatile long microjoules = 5_000_000;
        private volatile long countingSince;

        FakeRaplZone(Path sysfs) throws IOException {
            Path zone = Files.createDirectories(sysfs.resolve("class/powercap/intel-rapl:0"));
            Files.writeString(zone.resolve("name"), "package-0\n");
            Files.writeString(zone.resolve("max_energy_range_uj"), RANGE_UJ + "\n");
            energy = zone.resolve("energy_uj");
            write();
            thread = new Thread(this::run, "fake-rapl");
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            long last = System.nanoTime();
            while (running.get()) {
                long now = System.nanoTime();
                if (counting.get()) microjoules += Math.round(WATTS * (now - Math.max(last, countingSince)) / 1e3);
                last = now;
                try {
                    write();
                    Thread.sleep(20);
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        }

        private void write() throws IOException {
            Path tmp = energy.resolveSibling("energy_uj.tmp");
            Files.writeString(tmp, (microjoules % RANGE_UJ) + "\n");
            Files.move(tmp, energy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }

        /** Starts or stops counting; returns the counter (µJ, unwrapped) at that moment. */
        long counting(boolean on) throws InterruptedException {
            if (on) {
                long v = microjoules; // stands still until now
                countingSince = System.nanoTime();
                counting.set(true);
                return v;
            }
            counting.set(false);
            Thread.sleep(60); // the thread's last increment is in, and written: the file holds the value returned
            return microjoules;
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(2000);
        }
    }

    @Test
    void fiveKillsNoResetAndTheDowntimesEnergyIsMeasured(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("train.jsonl");
        Path db = dir.resolve("store.db");
        int port = freePort();
        Path config = Files.writeString(dir.resolve("agent.yaml"), """
                sampling: {interval: 250ms}
                sources:
                  mode: explicit
                  rapl: {enabled: true, sysfs_root: %s}
                  simulated: {enabled: true, devices: [{name: gpu0, kind: gpu, watts: 300}]}
                  estimate: {enabled: false}
                  nvml: {enabled: false}
                  nvidia_smi: {enabled: false}
                  oshi: {enabled: false}
                progress: {log: {path: %s, format: jsonl}}
                export: {listen: "127.0.0.1:%d"}
                store: {path: %s}
                """.formatted(dir.resolve("sys"), log, port, db));
        SplittableRandom random = new SplittableRandom(14);
        try (FakeRaplZone rapl = new FakeRaplZone(dir.resolve("sys"));
             PrometheusServer prom = PrometheusServer.start(dir.resolve("prom"),
                     PrometheusConfigs.sidecar(dir.resolve("prom"), "127.0.0.1:" + port));
             ChildSidecar.GrowingLog writer = new ChildSidecar.GrowingLog(log, 1, 1)) {
            Process agent = start(dir, config, 0, prom);
            double firstTs = scrapedAfter(prom, ENERGY, 0);
            long startUj = rapl.counting(true);
            for (int kill = 1; kill <= 5; kill++) {
                double lifeStart = System.currentTimeMillis() / 1000.0;
                scrapedAfter(prom, ENERGY, lifeStart + 1.2); // a few scrapes of this life
                agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL
                Thread.sleep(500 + random.nextInt(1000)); // down: the counter keeps counting
                agent = start(dir, config, kill, prom);
            }
            writer.close();
            long endUj = rapl.counting(false);
            double expected = (endUj - startUj) / 1e6;
            double stillSince = System.currentTimeMillis() / 1000.0;
            Await.until("the last reading committed and scraped", DEADLINE, () -> {
                List<PrometheusServer.Sample> s = prom.query("changes(" + ENERGY + "[3s]) == 0 and "
                        + "timestamp(" + ENERGY + ") > " + (stillSince + 3));
                return !s.isEmpty();
            });
            double lastTs = prom.query("timestamp(" + ENERGY + ")").get(0).value();
            String window = Math.round((lastTs - firstTs) * 1000) + 1 + "ms";

            for (String family : RESUMED) {
                List<PrometheusServer.Sample> resets = prom.queryAt("resets(" + family + "[" + window + "])", lastTs);
                assertThat(resets).as(family + " scraped").isNotEmpty();
                assertThat(resets).as(family + ": no reset over five kill -9s").allSatisfy(s -> assertThat(s.value())
                        .as(s.labels().toString()).isZero());
            }
            double increase = prom.queryAt("increase(" + ENERGY + "[" + window + "])", lastTs).get(0).value();
            String span = (long) Math.floor((lastTs - firstTs) * 1000) + "ms"; // back to the first sample, not before
            double delta = prom.queryAt(ENERGY + " - " + ENERGY + " offset " + span, lastTs).get(0).value();
            System.out.printf("resume e2e: window %s, fake counter %.3f J, increase() %.3f J, last - first %.3f J%n",
                    window, expected, increase, delta);
            assertThat(expected).as("the window is long enough to matter").isGreaterThan(2_000);
            assertThat(increase).as("increase() over the window, downtime included").isCloseTo(expected,
                    within(expected * 0.01));
            assertThat(delta).isCloseTo(expected, within(expected * 0.01));
            assertThat(prom.queryAt("max_over_time(joulebit_energy_uncovered_seconds_total{device=\"cpu0\"}["
                    + window + "])", lastTs).get(0).value()).as("no downtime left uncovered").isZero();
            assertThat(prom.query("joulebit_resume_gaps_total")).as("gaps: the watts-only GPU, never cpu0")
                    .singleElement().satisfies(g -> {
                        assertThat(g.labels()).containsEntry("device", "gpu0").containsEntry("reason", "no_counter");
                        assertThat(g.value()).isEqualTo(1); // per process, like process_* counters
                    });
            assertThat(prom.query("joulebit_energy_uncovered_seconds_total{device=\"gpu0\"}").get(0).value())
                    .as("the watts-only GPU's downtime is uncovered").isGreaterThan(4);
            assertThat(prom.query(ENERGY).get(0).label("method")).isEqualTo("counter");
            agent.destroy();
            assertThat(agent.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static Process start(Path dir, Path config, int life, PrometheusServer prom) throws Exception {
        Path out = dir.resolve("agent-" + life + ".log");
        Process p = ChildSidecar.start(dir, config, RUN, out);
        Await.until("agent life " + life + " ready", DEADLINE, () -> ChildSidecar.read(out).contains(" ready: "));
        return p;
    }

    /** Waits for a scrape of {@code series} newer than {@code afterEpochSeconds}; returns its timestamp. */
    private static double scrapedAfter(PrometheusServer prom, String series, double afterEpochSeconds) {
        return Await.until("a scrape of " + series + " after " + afterEpochSeconds, DEADLINE, () -> {
            List<PrometheusServer.Sample> s = prom.query("timestamp(" + series + ")");
            return s.isEmpty() ? Double.NaN : s.get(0).value();
        }, ts -> ts > afterEpochSeconds);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}

package io.joulebit.faults;

import io.joulebit.testing.Await;
import ch.qos.logback.classic.Level;
import io.joulebit.agent.Agent;
import io.joulebit.power.gpu.GpuSelection;
import io.joulebit.power.nvidiasmi.NvidiaSmiConfig;
import io.joulebit.power.nvidiasmi.NvidiaSmiSource;
import io.joulebit.run.RunSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault 1 at agent level: nvidia-smi hangs holding stdout open, crashes and prints garbage, or loops slower than the
 * agent samples. /metrics keeps answering (every scrape within the client timeout) while the source is wedged, the
 * energy counters never go backwards, the trouble is counted in source_errors_total and logged once.
 */
class SmiWedgedAgentTest {
    private static final String H100 = "linux-x86_64__nvidia-h100-80gb-hbm3-x8__590.48.01.csv";
    private static final String SMI_LOG = "io.joulebit.power.nvidiasmi.SmiStream";

    private static Path resource(String name) throws Exception {
        return Path.of(SmiWedgedAgentTest.class.getResource(name).toURI());
    }

    private static List<String> fake(String... knobs) throws Exception {
        List<String> argv = new ArrayList<>(List.of("sh", resource("/fake-nvidia-smi/fake-nvidia-smi.sh").toString(),
                "--capture", resource("/captures/nvidia-smi/" + H100).toString()));
        argv.addAll(List.of(knobs));
        return argv;
    }

    private static Agent agent(List<String> command, Duration smiInterval, Duration sampleInterval) throws Exception {
        NvidiaSmiConfig cfg = NvidiaSmiConfig.defaults(Map.of()).withCommand(command).withInterval(smiInterval)
                .withBackoff(Duration.ofMillis(1500), Duration.ofSeconds(6)).withSelection(GpuSelection.all());
        return Agent.builder(RunSettings.defaults("smi-fault")).powerSources(List.of(new NvidiaSmiSource(cfg)))
                .sampleInterval(sampleInterval).listen("127.0.0.1", 0).start();
    }

    /** Remembers each GPU-energy total seen; a decrease is a violation. */
    private static final class EnergyWatch {
        double last;
        final List<String> violations = new ArrayList<>();

        String scrape(Scrape s) {
            String m = s.text();
            double e = Scrape.series(m, "joulebit_device_energy_joules_total", "source=\"nvidia-smi\"").orElse(0);
            if (e < last) violations.add(last + " -> " + e);
            last = e;
            return m;
        }
    }

    private static double up(String m) {
        return Scrape.series(m, "joulebit_source_up", "source=\"nvidia-smi\"").orElse(-1);
    }

    private static double errors(String m, String reason) {
        return Scrape.series(m, "joulebit_source_errors_total", "source=\"nvidia-smi\"", "reason=\"" + reason + "\"")
                .orElse(0);
    }

    @Test
    void scrapesKeepAnsweringWhileNvidiaSmiIsWedged(@TempDir Path tmp) throws Exception {
        Path state = Files.createDirectory(tmp.resolve("state"));
        try (LogCapture log = LogCapture.named(SMI_LOG);
             Agent agent = agent(fake("--hang-after", "10", "--state", state.toString()), Duration.ofMillis(100),
                     Duration.ofMillis(100))) {
            Scrape scrape = new Scrape(agent.port());
            EnergyWatch watch = new EnergyWatch();
            Await.until("energy flowing", () -> {
                watch.scrape(scrape);
                return watch.last > 0;
            });
            Await.until("the hang seen", () -> up(watch.scrape(scrape)) == 0);
            int whileDown = 0;
            String m;
            do { // each scrape is bounded by the client timeout: a scrape waiting on the wedged process fails here
                m = watch.scrape(scrape);
                if (up(m) == 0) whileDown++;
            } while (up(m) != 1 && whileDown < 100_000);
            assertThat(whileDown).as("scrapes answered while nvidia-smi was wedged").isGreaterThanOrEqualTo(5);
            assertThat(errors(m, "stalled")).isEqualTo(1);
            double before = watch.last;
            Await.until("energy counted again after recovery", () -> {
                watch.scrape(scrape);
                return watch.last > before;
            });
            assertThat(watch.violations).isEmpty();
            assertThat(log.messages(Level.WARN)).as("the hang, once").hasSize(1)
                    .allSatisfy(w -> assertThat(w).contains("no row"));
            assertThat(log.messages(Level.INFO, "flowing again")).hasSize(1);
        }
    }

    @Test
    void crashAndGarbageAreCountedAndTheAgentCarriesOn(@TempDir Path tmp) throws Exception {
        Path state = Files.createDirectory(tmp.resolve("state"));
        try (LogCapture log = LogCapture.named(SMI_LOG);
             Agent agent = agent(fake("--exit-after", "6", "--exit-code", "15", "--garbage-every", "2", "--state",
                     state.toString()), Duration.ofMillis(100), Duration.ofMillis(100))) {
            Scrape scrape = new Scrape(agent.port());
            EnergyWatch watch = new EnergyWatch();
            Await.until("crash counted", () -> errors(watch.scrape(scrape), "exited") == 1);
            double atCrash = watch.last;
            Await.until("restarted and counting", () -> {
                String m = watch.scrape(scrape);
                return up(m) == 1 && watch.last > atCrash;
            });
            String m = watch.scrape(scrape);
            assertThat(errors(m, "garbage")).as("garbage lines counted").isGreaterThanOrEqualTo(2);
            assertThat(watch.violations).isEmpty();
            assertThat(log.messages(Level.WARN)).as("the crash, once").hasSize(1)
                    .allSatisfy(w -> assertThat(w).contains("exited (15)"));
        }
    }

    @Test
    void nvidiaSmiSlowerThanTheSamplingIntervalStaysUpAndCountsNoEnergyTwice(@TempDir Path tmp) throws Exception {
        long start = System.nanoTime();
        try (LogCapture log = LogCapture.named(SMI_LOG);
             Agent agent = agent(fake(), Duration.ofMillis(250), Duration.ofMillis(20))) {
            Scrape scrape = new Scrape(agent.port());
            EnergyWatch watch = new EnergyWatch();
            Await.until("a few nvidia-smi rows integrated", () -> {
                watch.scrape(scrape);
                return watch.last > 0 && (System.nanoTime() - start) > Duration.ofSeconds(2).toNanos();
            });
            String m = watch.scrape(scrape);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(up(m)).isEqualTo(1);
            assertThat(Scrape.series(m, "joulebit_source_errors_total", "source=\"nvidia-smi\"")).isEmpty();
            // 8 GPUs at most ~650 W each: each row integrated once, not once per sampling tick
            assertThat(watch.last).isPositive().isLessThanOrEqualTo(8 * 650 * seconds);
            assertThat(watch.violations).isEmpty();
            assertThat(log.messages(Level.WARN)).isEmpty();
        }
    }
}

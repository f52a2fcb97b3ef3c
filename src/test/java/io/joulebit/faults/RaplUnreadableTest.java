package io.joulebit.faults;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.joulebit.agent.Agent;
import io.joulebit.power.rapl.RaplOptions;
import io.joulebit.power.rapl.RaplSource;
import io.joulebit.power.rapl.SysfsReader;
import io.joulebit.run.RunSettings;
import io.joulebit.testing.Await;
import io.joulebit.time.NanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fault 2: energy_uj turns unreadable mid-run (a security update tightens sysfs permissions; the reader starts
 * throwing AccessDeniedException). The source goes down and is counted, the energy total stays where it was, one WARN
 * explains the fix, and after recovery the counter continues: the energy the hardware counted meanwhile is not lost.
 */
class RaplUnreadableTest {
    private static final String CPU0 = "device=\"cpu0\"";

    @Test
    void sourceDownEnergyStaysThenRecoversWithNothingLost(@TempDir Path sysfs) throws Exception {
        Path zone = Files.createDirectories(sysfs.resolve("class/powercap/intel-rapl:0"));
        Files.writeString(zone.resolve("name"), "package-0\n");
        Files.writeString(zone.resolve("max_energy_range_uj"), "262143328850\n");
        Path energy = zone.resolve("energy_uj");
        Files.writeString(energy, "1000000\n");
        AtomicBoolean denied = new AtomicBoolean();
        SysfsReader reader = file -> {
            if (denied.get() && file.getFileName().toString().equals("energy_uj")) {
                throw new AccessDeniedException(file.toString());
            }
            return SysfsReader.FILES.read(file);
        };
        RaplSource rapl = new RaplSource(sysfs, NanoClock.SYSTEM, reader, RaplOptions.defaults());
        assertThat(rapl.probe().available()).isTrue();

        try (LogCapture raplLog = LogCapture.on(RaplSource.class);
             Agent agent = Agent.builder(RunSettings.defaults("rapl-fault")).powerSources(List.of(rapl))
                     .sampleInterval(Duration.ofMillis(40)).listen("127.0.0.1", 0).start()) {
            Scrape scrape = new Scrape(agent.port());
            Await.until("cpu0 exported", () -> energyOf(scrape.text()) >= 0);
            write(energy, 6_000_000);
            Await.until("5 J counted", () -> energyOf(scrape.text()) == 5.0, scrape::text);

            denied.set(true);
            write(energy, 16_000_000); // the hardware keeps counting while we cannot read
            Await.until("source seen down", () -> up(scrape.text()) == 0 && permissionErrors(scrape.text()) >= 3,
                    scrape::text);
            for (int i = 0; i < 5; i++) {
                String m = scrape.text();
                assertThat(energyOf(m)).as("the energy total stays while unreadable").isEqualTo(5.0);
                assertThat(up(m)).isZero();
            }
            assertThat(raplLog.messages(Level.WARN)).as("one WARN, with the fix").hasSize(1)
                    .allSatisfy(w -> assertThat(w).contains("permission denied", "CVE-2020-8694"));

            denied.set(false);
            Await.until("recovered: the counter continues across the outage", () -> {
                String m = scrape.text();
                return up(m) == 1 && energyOf(m) == 15.0;
            }, scrape::text);
            write(energy, 18_500_000);
            Await.until("and keeps counting", () -> energyOf(scrape.text()) == 17.5, scrape::text);
            assertThat(agent.latest().devices()).singleElement()
                    .satisfies(d -> assertThat(d.counterResets()).as("an outage is not a counter reset").isZero());
            long failedReads = rapl.health().errorsByReason().get("permission");
            assertThat(permissionErrors(scrape.text())).as("each failed read counted once").isEqualTo(failedReads);
            assertThat(raplLog.messages(Level.WARN)).hasSize(1);
            assertThat(raplLog.messages(Level.INFO, "readable again")).hasSize(1);
        }
    }

    private static void write(Path energy, long uj) throws IOException {
        Path tmp = energy.resolveSibling("energy_uj.tmp");
        Files.writeString(tmp, uj + "\n");
        Files.move(tmp, energy, StandardCopyOption.ATOMIC_MOVE, // never a half-written value
                StandardCopyOption.REPLACE_EXISTING);
    }

    private static double energyOf(String m) {
        return Scrape.series(m, "joulebit_device_energy_joules_total", CPU0).orElse(-1);
    }

    private static double up(String m) { return Scrape.series(m, "joulebit_source_up", "source=\"rapl\"").orElse(-1); }

    private static double permissionErrors(String m) {
        return Scrape.series(m, "joulebit_source_errors_total", "source=\"rapl\"", "reason=\"permission\"").orElse(0);
    }
}

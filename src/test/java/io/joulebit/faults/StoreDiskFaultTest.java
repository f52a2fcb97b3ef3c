package io.joulebit.faults;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.joulebit.store.Checkpoint;
import io.joulebit.store.RunStore;
import io.joulebit.store.StoreException;
import io.joulebit.testing.Await;
import io.joulebit.time.NanoClock;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sqlite.SQLiteErrorCode;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * Fault 4: the store's disk fills up or turns read-only mid-run. The agent keeps measuring and serving, the store is
 * reported down (store_up 0, store_write_errors_total) with one WARN, what was checkpointed stays, and after recovery
 * the totals checkpoint again and the held journal rows are written.
 */
class StoreDiskFaultTest {

    @ParameterizedTest
    @EnumSource(value = SQLiteErrorCode.class, names = {"SQLITE_FULL", "SQLITE_READONLY"})
    void agentOutlivesAFailingDiskAndCheckpointsAgainAfter(SQLiteErrorCode failure, @TempDir Path dir) throws Exception {
        FailingConnections disk = new FailingConnections();
        try (LogCapture log = LogCapture.on(RunStore.class);
             StoredAgent a = StoredAgent.start(dir.resolve("store.db"), disk, InstantSource.system(), NanoClock.SYSTEM)) {
            MonotoneWatch watch = new MonotoneWatch(a);
            a.steps(40);
            a.awaitApplied();
            Await.until("a checkpoint of 40 steps", () -> last(a).map(c -> c.steps() == 40).orElse(false));
            Checkpoint before = last(a).orElseThrow();

            disk.failWith.set(failure);
            Await.until("the store seen down", () -> {
                watch.check();
                String m = a.scrape.text();
                return Scrape.series(m, "joulebit_store_up").orElse(1) == 0
                        && Scrape.series(m, "joulebit_store_write_errors_total").orElse(0) >= 3;
            });
            double energyAtFailure = a.energyJoules();
            a.steps(40);
            a.awaitApplied();
            Await.until("energy still measured while the store is down", () -> {
                watch.check();
                return a.energyJoules() > energyAtFailure + 1;
            });
            String down = a.scrape.text();
            assertThat(a.agent.latest().progress().trainSteps()).isEqualTo(80);
            assertThat(Scrape.require(down, "joulebit_run_steps_total")).as("/metrics holds what a restart would "
                    + "resume from while nothing can be committed").isEqualTo(40);
            assertThat(Scrape.require(down, "joulebit_store_up")).isZero();
            List<Checkpoint> during = a.checkpoints();
            assertThat(during.get(during.size() - 1)).as("nothing written, nothing lost while down")
                    .isEqualTo(before);
            assertThat(log.messages(Level.WARN)).as("one WARN for the outage").hasSize(1)
                    .allSatisfy(m -> assertThat(m).contains(failure.message));

            double energyDuringOutage = a.energyJoules();
            disk.failWith.set(null);
            Await.until("checkpoints again after recovery, with every step and more energy", () -> {
                watch.check();
                return last(a).map(c -> c.steps() == 80 && c.energyJoules() > energyDuringOutage).orElse(false);
            }, () -> last(a));
            Await.until("store_up back to 1 on /metrics", () -> a.scrape.value("joulebit_store_up") == 1);
            Await.until("/metrics counts every step once committed",
                    () -> a.scrape.value("joulebit_run_steps_total") == 80);
            assertThat(a.store.flush(Duration.ofSeconds(10))).isTrue();
            List<Checkpoint> all = a.checkpoints();
            assertThat(all).contains(before);
            for (int i = 1; i < all.size(); i++) {
                assertThat(all.get(i).steps()).isGreaterThanOrEqualTo(all.get(i - 1).steps());
                assertThat(all.get(i).energyJoules()).isGreaterThanOrEqualTo(all.get(i - 1).energyJoules());
            }
            assertThat(stepsJournal(a)).as("journal rows held through the outage are written").isEqualTo(80);
            assertThat(a.store.health().droppedRows()).isZero();
            assertThat(disk.failedCommits.get()).isPositive();
            assertThat(log.messages(Level.WARN)).hasSize(1);
            assertThat(log.messages(Level.INFO, "writing again")).hasSize(1);
            assertThat(watch.violations).isEmpty();
        }
    }

    private static Optional<Checkpoint> last(StoredAgent a) {
        List<Checkpoint> cps = a.checkpoints();
        return cps.isEmpty() ? Optional.empty() : Optional.of(cps.get(cps.size() - 1));
    }

    private static long stepsJournal(StoredAgent a) {
        try {
            return a.store.steps(StoredAgent.RUN).size();
        } catch (StoreException e) {
            throw new AssertionError(e);
        }
    }
}

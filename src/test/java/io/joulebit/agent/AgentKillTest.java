package io.joulebit.agent;

import io.joulebit.store.Checkpoint;
import io.joulebit.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static io.joulebit.agent.ChildSidecar.latest;
import static io.joulebit.agent.ChildSidecar.read;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sidecar as a child JVM, killed with SIGKILL again and again while its log grows: after a final clean run every
 * log line has been counted exactly once, no total went backwards, and the store is intact.
 */
class AgentKillTest {
    private static final String RUN = "kill-test";

    /** Polls the agent's output for its ready line, with a deadline (JVM start time varies on a loaded machine). */
    /** Steps of the run's latest checkpoint; 0 while there is none or the store cannot be read yet. */
    private static long storedSteps(Path db) {
        try {
            return latest(db, RUN).map(Checkpoint::steps).orElse(0L);
        } catch (Exception e) {
            return 0;
        }
    }

    private static void awaitReady(Path out) {
        Await.until("the agent's ready line", Duration.ofSeconds(30), () -> read(out).contains(" ready: "),
                () -> read(out));
    }

    @Test
    void killMinusNineLosesNothingAndCountsNoLineTwice(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("train.jsonl");
        Path db = dir.resolve("store.db");
        Path out = dir.resolve("agent.log");
        Path config = ChildSidecar.writeConfig(dir, log, db);
        SplittableRandom random = new SplittableRandom(7);
        long lastSteps = 0;
        double lastEnergy = 0;
        long total;
        try (ChildSidecar.GrowingLog writer = new ChildSidecar.GrowingLog(log, 1, 1)) {
            for (int kill = 0; kill < 4; kill++) {
                Process agent = ChildSidecar.start(dir, config, RUN, out);
                awaitReady(out);
                Thread.sleep(200 + random.nextInt(1300)); // a random moment in the agent's working life
                agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                Optional<Checkpoint> c = latest(db, RUN);
                assertThat(c).as("a checkpoint survives kill %d; agent output:%n%s", kill, read(out)).isPresent();
                double energy = c.get().devices().values().stream().mapToDouble(d -> d.energyJoules()).sum();
                assertThat(c.get().steps()).isGreaterThanOrEqualTo(lastSteps);
                assertThat(energy).isGreaterThanOrEqualTo(lastEnergy);
                lastSteps = c.get().steps();
                lastEnergy = energy;
            }
            writer.close();
            total = writer.written();
        }
        Process agent = ChildSidecar.start(dir, config, RUN, out);
        long expected = total;
        Await.until("a checkpoint with every line", Duration.ofSeconds(30),
                () -> storedSteps(db) >= expected, () -> storedSteps(db));
        agent.destroy(); // SIGTERM: flush and exit 0
        assertThat(agent.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(agent.exitValue()).isZero();
        Checkpoint last = latest(db, RUN).orElseThrow();
        assertThat(last.steps()).as("every line counted exactly once").isEqualTo(total);
        assertThat(last.lastStep()).isEqualTo(total);
        assertThat(last.tokens()).hasValue(total * 1000);
        assertThat(last.devices().get("gpu0").uncoveredSeconds()).as("downtime is uncovered time").isPositive();
    }
}

package io.joulebit.faults;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.joulebit.agent.StoreBridge;
import io.joulebit.run.RunAccountant;
import io.joulebit.run.RunSettings;
import io.joulebit.store.Checkpoint;
import io.joulebit.store.ConnectionFactory;
import io.joulebit.testing.Await;
import io.joulebit.time.NanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fault 5: the wall clock steps back an hour, then forward a day (NTP step, VM restore). Energy and elapsed time use
 * the monotonic clock and do not notice; checkpoints keep coming at their interval; no duration goes negative; each
 * step is counted and logged once.
 */
class WallClockJumpTest {
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    private final InstantSource wall = () -> InstantSource.system().instant().plus(offset.get());

    @Test
    void checkpointsAndMonotonicFiguresSurviveWallClockSteps(@TempDir Path dir) throws Exception {
        long testStart = System.nanoTime();
        try (LogCapture log = LogCapture.on(StoreBridge.class);
             StoredAgent a = StoredAgent.start(dir.resolve("store.db"), ConnectionFactory.SQLITE,
                     wall, NanoClock.SYSTEM)) {
            MonotoneWatch watch = new MonotoneWatch(a);
            a.steps(50);
            awaitMoreCheckpoints(a, 2, watch);

            offset.set(Duration.ofHours(-1)); // wall clock steps back an hour
            a.steps(50);
            awaitMoreCheckpoints(a, 3, watch);
            a.awaitApplied();
            awaitCheckpointedSteps(a, 100, watch);

            offset.set(Duration.ofDays(1)); // then forward a day
            a.steps(50);
            awaitMoreCheckpoints(a, 3, watch);
            a.awaitApplied();
            awaitCheckpointedSteps(a, 150, watch);

            double realSeconds = (System.nanoTime() - testStart) / 1e9;
            assertThat(a.agent.latest().elapsedSeconds()).as("elapsed follows the monotonic clock")
                    .isPositive().isLessThan(realSeconds);
            assertThat(a.agent.latest().devices()).singleElement()
                    .satisfies(d -> assertThat(d.uncoveredSeconds()).as("no jump taken for a gap").isZero());
            assertThat(a.energyJoules()).as("300 W for at most the test's duration").isPositive()
                    .isLessThanOrEqualTo(310 * realSeconds);

            List<Checkpoint> cps = a.checkpoints();
            for (int i = 1; i < cps.size(); i++) {
                double prev = StoredAgent.extra(cps.get(i - 1), "elapsed_seconds").orElseThrow();
                double cur = StoredAgent.extra(cps.get(i), "elapsed_seconds").orElseThrow();
                assertThat(cur).as("checkpoint %d elapsed", i).isGreaterThanOrEqualTo(prev).isNotNegative();
                assertThat(cps.get(i).energyJoules()).isGreaterThanOrEqualTo(cps.get(i - 1).energyJoules());
                assertThat(cps.get(i).steps()).isGreaterThanOrEqualTo(cps.get(i - 1).steps());
            }

            // A resume whose "now" is before the checkpoint's wall time (clock went back) adds no negative downtime.
            Checkpoint last = cps.get(cps.size() - 1);
            RunAccountant fresh = new RunAccountant(RunSettings.defaults(StoredAgent.RUN), NanoClock.SYSTEM, wall);
            StoreBridge.restore(fresh, last, last.wallTime().minus(Duration.ofHours(2)));
            assertThat(fresh.publish().devices()).allSatisfy(d -> assertThat(d.uncoveredSeconds())
                    .isEqualTo(last.devices().get(d.device()).uncoveredSeconds()));

            assertThat(a.bridge.wallClockSteps()).as("both steps counted").isEqualTo(2);
            Await.until("the count exported", () -> a.scrape.text().contains("joulebit_wall_clock_steps_total 2"),
                    a.scrape::text);
            assertThat(log.messages(Level.WARN)).as("one WARN per step").hasSize(2)
                    .allSatisfy(m -> assertThat(m).contains("wall clock"));
            assertThat(watch.violations).isEmpty();
        }
    }

    private static void awaitMoreCheckpoints(StoredAgent a, int more, MonotoneWatch watch) {
        int before = a.checkpoints().size();
        Await.until(more + " more checkpoints", () -> {
            watch.check();
            return a.checkpoints().size() >= before + more;
        }, () -> a.checkpoints().size() + " checkpoints, had " + before);
    }

    private static void awaitCheckpointedSteps(StoredAgent a, long steps, MonotoneWatch watch) {
        Await.until("a checkpoint with " + steps + " steps", () -> {
            watch.check();
            List<Checkpoint> cps = a.checkpoints();
            return !cps.isEmpty() && cps.get(cps.size() - 1).steps() == steps;
        }, () -> a.checkpoints().stream().map(Checkpoint::steps).toList());
    }
}

package io.joulebit.store;

import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;
import io.joulebit.progress.StepEvent;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Crash-test child: opens the store, resumes RUN from its latest checkpoint and checkpoints forever, printing
 * {@code ready <steps>} once and {@code committed <steps> <epochMillis>} after each checkpoint is durable. Every
 * checkpoint has steps = n, tail offset = 80·n and GPU energy = 10·n J, so a reader can check they moved together.
 * Args: DB RUN [PAUSE_MS (default 2)].
 */
public final class CheckpointLoopMain {
    public static final long TAIL_BYTES_PER_STEP = 80;
    public static final double JOULES_PER_STEP = 10;

    private CheckpointLoopMain() {}

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        String run = args[1];
        long pauseMillis = args.length > 2 ? Long.parseLong(args[2]) : 2;
        InstantSource wall = InstantSource.system();
        try (RunStore store = RunStore.open(StoreOptions.defaults(db).withQueue(10_000, 500, Duration.ofMillis(50)))) {
            long steps = store.latestCheckpoint(run).map(Checkpoint::steps).orElse(0L);
            store.startRun(RunRecord.started(run, wall.instant(), "", Map.of(), OptionalLong.empty()));
            System.out.println("ready " + steps);
            while (true) {
                steps++;
                Instant now = wall.instant();
                for (int gpu = 0; gpu < 4; gpu++) {
                    store.power(run, PowerSample.of("gpu" + gpu, DeviceKind.GPU, "nvml", 0, 300 + gpu), now);
                }
                store.step(run, StepEvent.train(steps, 5.0 / Math.sqrt(steps)).withTokens(steps * 4096), now);
                store.checkpoint(checkpoint(run, now, steps));
                if (store.flush(Duration.ofSeconds(30))) System.out.println("committed " + steps + " " + now.toEpochMilli());
                if (pauseMillis > 0) Thread.sleep(pauseMillis);
            }
        }
    }

    static Checkpoint checkpoint(String run, Instant now, long steps) {
        return StoreFixture.checkpoint(run, now, steps, steps * JOULES_PER_STEP); // its tail offset is 80·steps
    }
}

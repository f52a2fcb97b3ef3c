package io.joulebit.faults;

import io.joulebit.agent.Agent;
import io.joulebit.agent.StoreBridge;
import io.joulebit.power.DeviceKind;
import io.joulebit.power.simulated.SimulatedDevice;
import io.joulebit.power.simulated.SimulatedSource;
import io.joulebit.progress.StepEvent;
import io.joulebit.run.RunSettings;
import io.joulebit.store.Checkpoint;
import io.joulebit.store.ConnectionFactory;
import io.joulebit.store.RunRecord;
import io.joulebit.store.RunStore;
import io.joulebit.store.StoreException;
import io.joulebit.store.StoreOptions;
import io.joulebit.store.StoreReader;
import io.joulebit.testing.Await;
import io.joulebit.time.NanoClock;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The sidecar's store wiring (as RunCommand does it) around an in-process agent: a simulated 300 W GPU, steps pushed
 * through the step sink, a run store behind the given connection factory, checkpoints every 100 ms.
 */
final class StoredAgent implements AutoCloseable {
    static final String RUN = "fault-run";
    static final Duration CHECKPOINT_INTERVAL = Duration.ofMillis(100);

    final Path db;
    final RunStore store;
    final StoreBridge bridge;
    final Agent agent;
    final Scrape scrape;
    private final NanoClock mono;
    private long nextStep = 1;

    private StoredAgent(Path db, ConnectionFactory connections, InstantSource wall, NanoClock mono) throws IOException {
        this.db = db;
        this.mono = mono;
        store = RunStore.open(StoreOptions.defaults(db).withConnections(connections).withClocks(wall, mono)
                .withBackoff(Duration.ofMillis(5), Duration.ofMillis(50)).withQueue(20_000, 2_000, Duration.ofMillis(50)));
        store.startRun(RunRecord.started(RUN, wall.instant(), "", Map.of(), OptionalLong.empty()));
        bridge = new StoreBridge(store, RunSettings.defaults(RUN), wall, mono, CHECKPOINT_INTERVAL);
        var started = new AtomicReference<Agent>();
        bridge.tailFrom(() -> Optional.ofNullable(started.get()).flatMap(a -> a.loop().appliedPosition()));
        agent = Agent.builder(RunSettings.defaults(RUN))
                .powerSources(List.of(new SimulatedSource(List.of(SimulatedDevice.of("gpu0", DeviceKind.GPU, 300, 1)),
                        mono, false)))
                .sampleInterval(Duration.ofMillis(50)).clock(mono, wall).listen("127.0.0.1", 0)
                .journal(bridge).start();
        started.set(agent);
        scrape = new Scrape(agent.port());
    }

    static StoredAgent start(Path db, ConnectionFactory connections, InstantSource wall, NanoClock mono)
            throws IOException {
        return new StoredAgent(db, connections, wall, mono);
    }

    /** Pushes {@code n} train steps (loss falling, 1000 tokens each) to the accountant and the journal. */
    void steps(int n) {
        for (int i = 0; i < n; i++, nextStep++) {
            StepEvent e = StepEvent.train(nextStep, 10.0 / Math.sqrt(nextStep)).withTokens(nextStep * 1000)
                    .withMonoNanos(mono.nanoTime());
            agent.stepSink().accept(e);
            bridge.step(e); // journaled as the sidecar journals a followed log's steps
        }
    }

    long stepsPushed() { return nextStep - 1; }

    /** Waits until the accountant has applied every step pushed so far. */
    void awaitApplied() {
        Await.until("steps applied", () -> agent.latest().progress().trainSteps() == stepsPushed(),
                () -> agent.latest().progress().trainSteps() + " of " + stepsPushed());
    }

    double energyJoules() { return agent.latest().itEnergyJoules(); }

    /** Every checkpoint of the run, read through a separate read-only connection (what a restart would see). */
    List<Checkpoint> checkpoints() {
        try (StoreReader r = StoreReader.open(db, ConnectionFactory.SQLITE_READ_ONLY)) {
            return r.checkpoints(RUN);
        } catch (StoreException e) {
            throw new AssertionError(e);
        }
    }

    static OptionalDouble extra(Checkpoint c, String name) {
        Double v = c.extra().get(name);
        return v == null || v.isNaN() ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    @Override
    public void close() {
        agent.close();
        store.close();
    }
}

package io.joulebit.cli;

import io.joulebit.agent.Agent;
import io.joulebit.agent.StoreBridge;
import io.joulebit.config.AgentConfig;
import io.joulebit.run.RunSettings;
import io.joulebit.store.RunRecord;
import io.joulebit.store.RunStore;
import io.joulebit.store.StoreOptions;

import java.time.Instant;
import java.time.InstantSource;

/**
 * The demo's run in the run store (when {@code store.enabled}, as by default), so `joulebit audit --run ID` reports it
 * like any sidecar run: the journal, checkpoints every interval and the final totals at close. The store never stops
 * the demo: it reports its own health and retries.
 */
final class DemoStore implements AutoCloseable {
    private final RunStore store;

    private DemoStore(RunStore store) {
        this.store = store;
    }

    /** Opens the store and wires it into {@code b}; null when the config disables the store. */
    static DemoStore wire(AgentConfig cfg, RunSettings settings, Agent.Builder b) {
        if (!cfg.store().enabled()) return null;
        RunStore store = RunStore.open(StoreOptions.defaults(cfg.store().path()));
        store.startRun(RunRecord.started(settings.runId(), Instant.now(), "", settings.labels(), settings.params()));
        StoreBridge bridge = new StoreBridge(store, settings, InstantSource.system(), cfg.store().checkpointInterval());
        b.journal(bridge.writeOnly());
        return new DemoStore(store);
    }

    @Override
    public void close() {
        store.close();
    }
}

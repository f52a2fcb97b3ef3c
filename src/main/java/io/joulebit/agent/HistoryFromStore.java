package io.joulebit.agent;

import io.joulebit.export.page.RunHistory;
import io.joulebit.export.page.Series;
import io.joulebit.progress.Phase;
import io.joulebit.store.Checkpoint;
import io.joulebit.store.CheckpointKey;
import io.joulebit.store.PowerRow;
import io.joulebit.store.RunStore;
import io.joulebit.store.StepRow;
import io.joulebit.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Refills the live page's history of a resumed run from the store, so a restart does not blank the charts: the
 * journal of the last window is replayed in time order as the snapshots would have shown it. Totals, bits learned
 * and J/bit come from the checkpoints (every checkpoint interval), the loss from the journaled steps, power from the
 * journaled samples (1/s per device); the flux is the total form between successive checkpoints (PHYSICS.md §5).
 */
final class HistoryFromStore {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryFromStore.class);
    private static final double LN2 = Math.log(2);

    private record Entry(Instant at, int order, Runnable apply, Map<String, Double> watts) {}

    private HistoryFromStore() {}

    static void seed(RunHistory history, RunStore store, String runId, Instant now) {
        Instant since = now.minusSeconds((long) history.ring().windowSeconds());
        RunStore.Journal j;
        try {
            j = store.journal(runId, since);
        } catch (StoreException e) {
            LOG.warn("run {}: the live page starts without its stored history ({})", runId, e.getMessage());
            return;
        }
        double[] state = Series.row();
        List<Entry> entries = new ArrayList<>();
        Checkpoint[] prev = new Checkpoint[1];
        for (Checkpoint c : j.checkpoints()) {
            Checkpoint before = prev[0];
            prev[0] = c;
            entries.add(new Entry(c.wallTime(), 0, () -> checkpoint(state, before, c), Map.of()));
        }
        for (StepRow s : j.steps()) entries.add(new Entry(s.wallTime(), 1, () -> step(state, s), Map.of()));
        for (PowerRow p : j.power()) entries.add(new Entry(p.wallTime(), 2, () -> { }, Map.of(p.device(), p.watts())));
        entries.sort(Comparator.comparing(Entry::at).thenComparingInt(Entry::order));
        for (Entry e : entries) {
            e.apply().run();
            history.ring().record(e.at().toEpochMilli() / 1000.0, state.clone(), e.watts());
        }
        LOG.info("run {}: live page history refilled from the store ({} checkpoints, {} steps, {} power rows)",
                runId, j.checkpoints().size(), j.steps().size(), j.power().size());
    }

    private static void checkpoint(double[] state, Checkpoint before, Checkpoint c) {
        state[Series.ENERGY_JOULES.ordinal()] = c.extra(CheckpointKey.ENERGY_JOULES);
        state[Series.TOKENS.ordinal()] = c.tokens().isPresent() ? c.tokens().getAsLong() : Double.NaN;
        double bits = c.extra(CheckpointKey.INFORMATION_BITS);
        state[Series.INFORMATION_BITS.ordinal()] = bits;
        state[Series.ENERGY_PER_BIT_JOULES.ordinal()] = c.extra(CheckpointKey.ENERGY_PER_BIT_JOULES);
        if (before != null) {
            double dt = (c.wallTime().toEpochMilli() - before.wallTime().toEpochMilli()) / 1000.0;
            double b0 = before.extra(CheckpointKey.INFORMATION_BITS);
            if (dt > 0 && Double.isFinite(b0) && Double.isFinite(bits)) {
                state[Series.NEGENTROPY_FLUX_BITS_PER_SECOND.ordinal()] = (bits - b0) / dt;
            }
        }
    }

    private static void step(double[] state, StepRow s) {
        if (s.lossNats().isEmpty()) return;
        double bits = s.lossNats().getAsDouble() / LN2;
        state[(s.phase() == Phase.EVAL ? Series.EVAL_LOSS_BITS : Series.LOSS_BITS).ordinal()] = bits;
    }
}

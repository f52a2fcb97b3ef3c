package io.joulebit.agent;

import io.joulebit.export.page.RunHistory;
import io.joulebit.power.PowerSample;
import io.joulebit.progress.StepEvent;
import io.joulebit.progress.tail.TailPosition;
import io.joulebit.run.CounterMark;
import io.joulebit.run.DeviceReading;
import io.joulebit.run.DurableTotals;
import io.joulebit.run.DurableView;
import io.joulebit.run.RunAccountant;
import io.joulebit.run.RunSettings;
import io.joulebit.run.RunSnapshot;
import io.joulebit.run.StoreStatus;
import io.joulebit.store.Checkpoint;
import io.joulebit.store.CounterCheckpoint;
import io.joulebit.store.DeviceTotals;
import io.joulebit.store.RunStore;
import io.joulebit.thermo.Figure;
import io.joulebit.time.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Connects a run to the store: journals readings and steps, checkpoints every total (with the tail position and each
 * device's raw hardware counter, in one transaction) at a fixed interval, and restores a run from its last checkpoint.
 * The store queues and writes on its own thread, so nothing here blocks sampling or a scrape.
 * <p>
 * Counters never go backwards across a crash: /metrics shows the resumable totals of the last <em>committed</em>
 * checkpoint ({@link #view()}, io.joulebit.run.DurableView), and a restart resumes from exactly that checkpoint, so
 * the first scrape after a kill -9 is at least the last one before it. Why publish-what-is-committed rather than
 * commit-before-publish: the accountant thread never waits on the disk (a slow or failing disk must not stall
 * sampling, ingest or a scrape), and the figure lags the truth by one checkpoint interval plus a commit. The default
 * interval is therefore 1 s: one small WAL transaction with synchronous=NORMAL per second (no fsync on commit, so it
 * survives a killed process, not a power loss) was measured at ~0.26 ms of CPU, about 0.026 % of one core
 * (bench/checkpoint-cost.sh; bench/README.md "Checkpoint cost").
 */
public final class StoreBridge implements RunJournal {
    private static final Logger LOG = LoggerFactory.getLogger(StoreBridge.class);
    private static final long WALL_STEP_TOLERANCE_MILLIS = 1000;
    private final RunStore store;
    private final OptionalLong params;
    private final double ambientKelvin;
    private final double bitsPerParam;
    private final String runId;
    private final InstantSource wall;
    private final long intervalNanos;
    private final NanoClock mono;
    private final AtomicLong wallSteps = new AtomicLong();
    private final DurableView view;
    /** Checkpoints queued but not yet committed, oldest first, with the totals they carry. */
    private final Map<Checkpoint, DurableTotals> pending = new IdentityHashMap<>();
    private final ArrayDeque<Checkpoint> pendingOrder = new ArrayDeque<>();
    private volatile RunAccountant accountant;
    private String bootId = BootId.read(BootId.DEFAULT_PATH);
    private Supplier<Optional<TailPosition>> tail = Optional::empty;
    /** The checkpoint this run resumes from; empty for a new run. */
    private Optional<Checkpoint> resumeFrom = Optional.empty();
    private final SampleRate sampleRate = new SampleRate();
    private boolean checkpointed;
    private long lastCheckpointNanos;
    private long lastWallMillis = Long.MIN_VALUE;
    private long lastMonoNanos;

    public StoreBridge(RunStore store, RunSettings settings, InstantSource wall, Duration interval) {
        this(store, settings, wall, NanoClock.SYSTEM, interval);
    }

    /** @param mono paces the checkpoints, so a wall-clock step neither stops nor floods them */
    public StoreBridge(RunStore store, RunSettings settings, InstantSource wall, NanoClock mono,
                       Duration interval) {
        this.runId = settings.runId();
        this.params = settings.params();
        this.ambientKelvin = settings.ambientKelvin();
        this.bitsPerParam = settings.bitsPerParam();
        this.store = store;
        this.wall = wall;
        this.mono = mono;
        this.intervalNanos = interval.toNanos();
        this.view = new DurableView(settings);
        store.onCommitted(this::committed);
    }

    /** What /metrics shows: the latest snapshot with the totals of the last committed checkpoint. */
    public DurableView view() { return view; }

    /** The boot id stamped on stored counter readings (default: the kernel's). */
    public StoreBridge bootId(String id) {
        this.bootId = id;
        return this;
    }

    /** Downtimes left uncovered on resume, by device and reason (empty before {@link #resume}). */
    public Map<String, Map<String, Long>> resumeGaps() {
        RunAccountant a = accountant;
        return a == null ? Map.of() : a.ledger().resumeGaps().counts();
    }

    /** The stored run continues from {@code c} (its restore and the live page's history). */
    public StoreBridge resumeFrom(Optional<Checkpoint> c) {
        this.resumeFrom = c;
        return this;
    }

    /** Binds the bridge to the run's accountant and continues from the checkpoint of {@link #resumeFrom}, if any. */
    @Override
    public void restore(RunAccountant acc) { resume(acc, resumeFrom, wall.instant()); }

    /** A resumed run's page starts with its stored history, not blank charts. */
    @Override
    public void seedHistory(RunHistory history) {
        if (resumeFrom.isPresent()) HistoryFromStore.seed(history, store, runId, wall.instant());
    }

    @Override
    public Optional<StoreStatus> status() {
        var h = store.health();
        return Optional.of(new StoreStatus(h.up(), h.writeErrors(), h.droppedRows(), wallClockSteps(),
                resumeGaps()));
    }

    /** The latest snapshot with the totals of the last committed checkpoint ({@link #view()}). */
    @Override
    public RunSnapshot visible(RunSnapshot latest) { return view.visible(latest); }

    /**
     * Journal and checkpoints only, for a run that never resumes and shows live totals (the demo): no restore, no
     * store status, no durable view.
     */
    public RunJournal writeOnly() {
        StoreBridge b = this;
        return new RunJournal() {
            @Override public void power(List<PowerSample> batch) { b.power(batch); }
            @Override public void step(StepEvent e) { b.step(e); }
            @Override public void onPublish(RunSnapshot s) { b.onPublish(s); }
            @Override public void finish(RunSnapshot s) { b.finish(s); }
        };
    }

    /** Binds the bridge to the run's accountant and continues from {@code c} when present. */
    public void resume(RunAccountant acc, Optional<Checkpoint> c, Instant now) {
        accountant = acc;
        c.ifPresent(cp -> {
            RunResume.restore(acc, cp, now, bootId, mono.nanoTime());
            view.committed(RunResume.totals(cp)); // it came out of the store: durable
        });
    }

    private void committed(Checkpoint c) {
        DurableTotals t = null;
        synchronized (pending) {
            if (!pending.containsKey(c)) return; // another writer's, or already reported
            while (!pendingOrder.isEmpty()) {
                Checkpoint older = pendingOrder.pollFirst();
                t = pending.remove(older); // older ones were replaced by c before they were written
                if (older == c) break;
            }
        }
        if (t != null) view.committed(t);
    }

    /** Wall-clock steps seen (the wall clock moved more than a second apart from the monotonic clock). */
    public long wallClockSteps() { return wallSteps.get(); }

    public void tailFrom(Supplier<Optional<TailPosition>> position) { this.tail = position; }

    @Override
    public void power(List<PowerSample> batch) {
        sampleRate.accept(batch);
        for (PowerSample s : batch) store.power(runId, s);
    }

    @Override
    public void step(StepEvent e) { store.step(runId, e); }

    /** Called on the accountant thread after each publication; checkpoints at most once per interval. */
    @Override
    public void onPublish(RunSnapshot s) {
        long now = wall.millis();
        long nowNanos = mono.nanoTime();
        noteWallStep(now, nowNanos);
        // 10 % early: publications come about once per interval, and one a hair early must not wait a whole one
        if (checkpointed && nowNanos - lastCheckpointNanos < intervalNanos - intervalNanos / 10) return;
        checkpointed = true;
        lastCheckpointNanos = nowNanos;
        queue(checkpoint(s, Instant.ofEpochMilli(now)), s);
    }

    private void queue(Checkpoint c, RunSnapshot s) {
        synchronized (pending) {
            pending.put(c, DurableTotals.of(s));
            pendingOrder.addLast(c);
        }
        store.checkpoint(c);
    }

    /** Checkpoints are stamped with wall time: a step of that clock is worth one WARN (and a count). */
    private void noteWallStep(long wallMillis, long monoNanos) {
        if (lastWallMillis != Long.MIN_VALUE) {
            long stepMillis = (wallMillis - lastWallMillis) - (monoNanos - lastMonoNanos) / 1_000_000;
            if (Math.abs(stepMillis) > WALL_STEP_TOLERANCE_MILLIS) {
                wallSteps.incrementAndGet();
                LOG.warn("wall clock stepped {} by {} s; energy and durations use the monotonic clock, checkpoint "
                        + "times follow the wall clock", stepMillis < 0 ? "back" : "forward", stepMillis / 1000.0);
            }
        }
        lastWallMillis = wallMillis;
        lastMonoNanos = monoNanos;
    }

    /** The final checkpoint at shutdown, whatever the interval. */
    @Override
    public void finish(RunSnapshot s) {
        queue(checkpoint(s, wall.instant()), s);
        store.endRun(runId, wall.instant());
    }

    Checkpoint checkpoint(RunSnapshot s, Instant at) {
        Map<String, DeviceTotals> devices = new LinkedHashMap<>();
        RunAccountant acc = accountant;
        Map<String, CounterMark> marks = acc == null ? Map.of() : acc.ledger().counterMarks();
        long monoNow = mono.nanoTime();
        for (DeviceReading d : s.devices()) {
            CounterMark m = marks.get(d.device());
            Optional<CounterCheckpoint> counter = m == null ? Optional.empty() : Optional.of(new CounterCheckpoint(
                    m.raw().joules(), at.minusNanos(monoNow - m.monoNanos()), bootId, m.raw().identity(),
                    m.raw().epoch(), m.raw().rangeJoules(), m.raw().maxWatts()));
            devices.put(d.device(), new DeviceTotals(d.device(), d.kind().label(), d.source(), d.quality().label(),
                    d.energyJoules(), d.uncoveredSeconds(), counter));
        }
        var f = s.figures();
        Map<String, Double> extra = CheckpointFigures.of(s, params, ambientKelvin, bitsPerParam, sampleRate.hertz());
        var p = s.progress();
        return new Checkpoint(runId, at, p.trainSteps(), p.lastStep(), p.tokens(), devices, p.smoothedLossBits(),
                value(f.baselineBits()), s.baselineMethod(), 1, tail.get(), extra);
    }

    /** Continue a stored run (see {@link RunResume}); this machine's boot id, the system monotonic clock. */
    public static void restore(RunAccountant acc, Checkpoint c, Instant now) {
        RunResume.restore(acc, c, now, BootId.read(BootId.DEFAULT_PATH), System.nanoTime());
    }

    private static double value(Figure f) { return f.present() ? f.value() : Double.NaN; }
}

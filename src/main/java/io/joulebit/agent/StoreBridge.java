package io.joulebit.agent;

import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;
import io.joulebit.progress.StepEvent;
import io.joulebit.progress.tail.TailPosition;
import io.joulebit.run.DeviceReading;
import io.joulebit.run.RunAccountant;
import io.joulebit.run.RunSnapshot;
import io.joulebit.store.Checkpoint;
import io.joulebit.store.DeviceTotals;
import io.joulebit.store.RunStore;
import io.joulebit.thermo.Figure;
import io.joulebit.time.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Connects a run to the store: journals readings and steps, checkpoints every total (with the tail position, in one
 * transaction) at a fixed interval, and restores a run from its last checkpoint. The store queues and writes on its
 * own thread, so nothing here blocks sampling or a scrape.
 */
public final class StoreBridge {
    private static final Logger LOG = LoggerFactory.getLogger(StoreBridge.class);
    private static final long WALL_STEP_TOLERANCE_MILLIS = 1000;
    private final RunStore store;
    private final java.util.OptionalLong params;
    private final double ambientKelvin;
    private final double bitsPerParam;
    private final String runId;
    private final InstantSource wall;
    private final long intervalNanos;
    private final NanoClock mono;
    private final AtomicLong wallSteps = new AtomicLong();
    private Supplier<Optional<TailPosition>> tail = Optional::empty;
    private final SampleRate sampleRate = new SampleRate();
    private boolean checkpointed;
    private long lastCheckpointNanos;
    private long lastWallMillis = Long.MIN_VALUE;
    private long lastMonoNanos;

    public StoreBridge(RunStore store, io.joulebit.run.RunSettings settings, InstantSource wall, Duration interval) {
        this(store, settings, wall, NanoClock.SYSTEM, interval);
    }

    /** @param mono paces the checkpoints, so a wall-clock step neither stops nor floods them */
    public StoreBridge(RunStore store, io.joulebit.run.RunSettings settings, InstantSource wall, NanoClock mono,
                       Duration interval) {
        this.runId = settings.runId();
        this.params = settings.params();
        this.ambientKelvin = settings.ambientKelvin();
        this.bitsPerParam = settings.bitsPerParam();
        this.store = store;
        this.wall = wall;
        this.mono = mono;
        this.intervalNanos = interval.toNanos();
    }

    /** Wall-clock steps seen (the wall clock moved more than a second apart from the monotonic clock). */
    public long wallClockSteps() { return wallSteps.get(); }

    public void tailFrom(Supplier<Optional<TailPosition>> position) { this.tail = position; }

    public void power(List<PowerSample> batch) {
        sampleRate.accept(batch);
        for (PowerSample s : batch) store.power(runId, s);
    }

    public void step(StepEvent e) { store.step(runId, e); }

    /** Called on the accountant thread after each publication; checkpoints at most once per interval. */
    public void onPublish(RunSnapshot s) {
        long now = wall.millis();
        long nowNanos = mono.nanoTime();
        noteWallStep(now, nowNanos);
        if (checkpointed && nowNanos - lastCheckpointNanos < intervalNanos) return;
        checkpointed = true;
        lastCheckpointNanos = nowNanos;
        store.checkpoint(checkpoint(s, Instant.ofEpochMilli(now)));
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
    public void finish(RunSnapshot s) {
        store.checkpoint(checkpoint(s, wall.instant()));
        store.endRun(runId, wall.instant());
    }

    Checkpoint checkpoint(RunSnapshot s, Instant at) {
        Map<String, DeviceTotals> devices = new LinkedHashMap<>();
        for (DeviceReading d : s.devices()) {
            devices.put(d.device(), new DeviceTotals(d.device(), d.kind().label(), d.source(), d.quality().label(),
                    d.energyJoules(), d.uncoveredSeconds()));
        }
        var f = s.figures();
        Map<String, Double> extra = new LinkedHashMap<>();
        extra.put("elapsed_seconds", s.elapsedSeconds());
        extra.put("energy_joules", value(f.energyJoules()));
        extra.put("it_energy_joules", s.itEnergyJoules());
        extra.put("pue", s.pue());
        extra.put("params", params.isPresent() ? (double) params.getAsLong() : Double.NaN);
        extra.put("landauer_kelvin", value(f.temperatureKelvin()));
        extra.put("ambient_kelvin", ambientKelvin);
        extra.put("bits_per_param", bitsPerParam);
        extra.put("information_bits", value(f.netInformationBits()));
        extra.put("energy_per_bit_joules", value(f.energyPerBitJoules()));
        extra.put("landauer_efficiency_ratio", value(f.landauerEfficiencyRatio()));
        extra.put("loss_bits", s.progress().smoothedLossBits());
        extra.put("structural_information_bits", value(f.structuralInformationBits()));
        extra.put("energy_per_structural_bit_joules", value(f.energyPerStructuralBitJoules()));
        s.progress().curve().ifPresent(c -> Checkpoint.putCurve(extra, c));
        extra.put("power_sample_rate_hz", sampleRate.hertz());
        var p = s.progress();
        return new Checkpoint(runId, at, p.trainSteps(), p.lastStep(), p.tokens(), devices, p.smoothedLossBits(),
                value(f.baselineBits()), s.baselineMethod(), 1, tail.get(), extra);
    }

    /** Continue a stored run: totals come back, and the time the agent was down is uncovered for every device. */
    public static void restore(RunAccountant acc, Checkpoint c, Instant now) {
        double downSeconds = Math.max(0, Duration.between(c.wallTime(), now).toMillis() / 1000.0);
        for (DeviceTotals d : c.devices().values()) {
            PowerSample identity = PowerSample.of(d.device(), DeviceKind.valueOf(d.kind().toUpperCase(Locale.ROOT)),
                    d.source(), Long.MIN_VALUE, Double.NaN);
            if ("counter".equals(d.quality())) identity = identity.withEnergyJoules(0);
            acc.ledger().restore(identity, d.energyJoules(), d.uncoveredSeconds() + downSeconds);
        }
        acc.restoreProgress(c.steps(), c.lastStep(), c.tokens(), c.lossBitsSmoothed(), c.baselineBits(), c.curve());
        LOG.info("run {} resumed: {} steps, {} J, down for {} s", c.runId(), c.steps(),
                c.devices().values().stream().mapToDouble(DeviceTotals::energyJoules).sum(), downSeconds);
    }

    private static double value(Figure f) { return f.present() ? f.value() : Double.NaN; }
}

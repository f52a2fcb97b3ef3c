package io.joulebit.run;

import io.joulebit.power.PowerSample;
import io.joulebit.progress.LineCounts;
import io.joulebit.progress.StepEvent;
import io.joulebit.progress.TokenOrigin;
import io.joulebit.thermo.Figure;
import io.joulebit.thermo.Flag;
import io.joulebit.thermo.PrequentialCurve;
import io.joulebit.thermo.Thermo;
import io.joulebit.thermo.ThermoFigures;
import io.joulebit.thermo.ThermoInputs;
import io.joulebit.thermo.Units;
import io.joulebit.time.NanoClock;

import java.time.InstantSource;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One run's books: energy from power samples, the training curve from step events, and every PHYSICS.md figure,
 * published as an immutable {@link RunSnapshot}. Single writer: call onPower/onStep/publish from one thread only;
 * any thread may call {@link #latest()} without blocking the writer.
 */
public final class RunAccountant {
    private final RunSettings settings;
    private final NanoClock clock;
    private final InstantSource wall;
    private final long startNanos;
    private final EnergyLedger ledger;
    private final ProgressTracker progress;
    private Supplier<List<SourceHealth>> sources = List::of;
    private Supplier<LineCounts> lines = () -> LineCounts.NONE;
    private Supplier<TokenOrigin> tokenOrigin = () -> TokenOrigin.NONE;
    private Supplier<Optional<StoreStatus>> store = Optional::empty;
    private double lastEventEpochSeconds = Double.NaN;
    private long sequence;
    private volatile RunSnapshot latest;

    public RunAccountant(RunSettings settings, NanoClock clock, InstantSource wall) {
        this.settings = settings;
        this.clock = clock;
        this.wall = wall;
        this.startNanos = clock.nanoTime();
        this.ledger = new EnergyLedger(settings.maxGap());
        this.progress = new ProgressTracker(settings);
        this.latest = publish();
    }

    public void onPower(PowerSample sample) { ledger.accept(sample); }

    public void onStep(StepEvent event) {
        progress.accept(event);
        lastEventEpochSeconds = wall.millis() / 1000.0;
    }

    public void sourcesFrom(Supplier<List<SourceHealth>> health) { this.sources = health; }

    public void linesFrom(Supplier<LineCounts> counts) { this.lines = counts; }

    public void tokenOrigin(Supplier<TokenOrigin> origin) { this.tokenOrigin = origin; }

    public void storeFrom(Supplier<Optional<StoreStatus>> status) { this.store = status; }

    public EnergyLedger ledger() { return ledger; }

    /** Restore the training curve from a checkpoint before any new event (see ProgressTracker.restore). */
    public void restoreProgress(long steps, long lastStep, OptionalLong tokens, double smoothedLossBits,
                                double baselineBits) {
        restoreProgress(steps, lastStep, tokens, smoothedLossBits, baselineBits, Optional.empty());
    }

    /** As above, continuing the prequential sum of the structural figures from its stored curve. */
    public void restoreProgress(long steps, long lastStep, OptionalLong tokens, double smoothedLossBits,
                                double baselineBits, Optional<PrequentialCurve> curve) {
        progress.restore(steps, lastStep, tokens, smoothedLossBits, baselineBits, curve);
    }

    public RunSettings settings() { return settings; }

    public RunSnapshot latest() { return latest; }

    /** Compute every figure from the current state and make it the latest snapshot. */
    public RunSnapshot publish() {
        long now = clock.nanoTime();
        double elapsed = (now - startNanos) / 1e9;
        List<DeviceReading> devices = ledger.readings(now);
        double it = ledger.totalJoules();
        ThermoInputs.Builder in = ThermoInputs.builder().pue(settings.pue()).bitsPerParam(settings.bitsPerParam())
                .modelTerm(settings.modelTerm()).temperatureKelvin(landauerKelvin(devices))
                .ambientKelvin(settings.ambientKelvin()).elapsedSeconds(elapsed);
        if (!devices.isEmpty()) in.itEnergyJoules(it);
        progress.tokens().ifPresent(in::tokens);
        settings.params().ifPresent(in::params);
        var baseline = progress.baseline();
        baseline.ifPresent(b -> in.baselineBits(b.bits()));
        double lbar = progress.smoothedLossBits();
        if (Double.isFinite(lbar)) in.lossBits(lbar);
        var curve = progress.curve();
        curve.ifPresent(in::prequential);
        ThermoFigures f = Thermo.compute(in.build());

        Set<Flag> flags = EnumSet.noneOf(Flag.class);
        flags.addAll(f.flags());
        if (progress.diverged()) flags.add(Flag.DIVERGED);
        Figure carbon = settings.gridIntensityGramsPerKwh() == null || !f.energyJoules().present()
                ? Figure.absent(Flag.NO_ENERGY)
                : Figure.of(f.energyJoules().value() / 3.6e6 * settings.gridIntensityGramsPerKwh());
        ProgressState ps = new ProgressState(progress.trainSteps(), progress.lastStep(), progress.tokens(),
                progress.lossBits(), lbar, progress.evalLossBits(), progress.nonFiniteLosses(),
                progress.tokensDecreased(), progress.stepsReplayed(), lines.get(), lastEventEpochSeconds, curve);
        RunSnapshot snap = new RunSnapshot(settings.runId(), settings.labels(), ++sequence, elapsed, it,
                settings.pue(), devices, sources.get(), ps,
                baseline.map(b -> b.method().label()).orElse(settings.fixedBaseline() == null ? "initial-loss" : ""),
                tokenOrigin.get(), f, progress.fluxTotal(), progress.fluxThroughput(), progress.heat(), carbon, flags, store.get());
        latest = snap;
        return snap;
    }

    /** Fixed reservoir temperature, or the hottest measured device (°C + 273.15) when configured and known. */
    private double landauerKelvin(List<DeviceReading> devices) {
        if (!settings.landauerMeasured()) return settings.landauerKelvin();
        double hottest = Double.NaN;
        for (DeviceReading d : devices) {
            if (Double.isFinite(d.celsius()) && !(d.celsius() <= hottest)) hottest = d.celsius();
        }
        return Double.isNaN(hottest) ? settings.landauerKelvin() : Units.celsiusToKelvin(hottest);
    }
}

package io.joulebit.run;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;
import io.joulebit.thermo.Baseline;
import io.joulebit.thermo.Figure;
import io.joulebit.thermo.Flag;
import io.joulebit.thermo.HeatCapacity;
import io.joulebit.thermo.HeatCapacityWindow;
import io.joulebit.thermo.NegentropyFlux;
import io.joulebit.thermo.PrequentialCurve;
import io.joulebit.thermo.TransitionDetector;
import io.joulebit.thermo.Units;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The training curve of one run: the {@link LossCurve} (steps, D, loss, L̄, H, prequential sum) plus what only the
 * live run needs, flux and heat capacity. Eval events are remembered but never enter the curve. Not thread-safe (the
 * accountant's single writer owns it).
 */
final class ProgressTracker {
    /** Flux is differenced over at least this much time, so a burst of lines read at once gives no absurd rate. */
    static final double MIN_FLUX_INTERVAL_SECONDS = 1.0;

    private final RunSettings settings;
    private final LossCurve curve;
    private final HeatCapacityWindow heatWindow;
    private final TransitionDetector detector = new TransitionDetector();
    private double evalLossBits = Double.NaN;
    private NegentropyFlux.Point fluxFrom;
    private Figure fluxTotal = Figure.absent(Flag.NO_LOSS);
    private Figure fluxThroughput = Figure.absent(Flag.NO_LOSS);
    private HeatCapacity lastHeat;

    ProgressTracker(RunSettings settings) {
        this.settings = settings;
        this.curve = new LossCurve(settings);
        this.heatWindow = new HeatCapacityWindow(settings.heatCapacityWindow(), settings.optimizer(),
                settings.momentum());
    }

    void accept(StepEvent e) {
        if (e.phase() == Phase.EVAL) {
            e.lossNats().ifPresent(l -> { if (Double.isFinite(l)) evalLossBits = Units.natsToBits(l); });
            return;
        }
        double nats = e.lossNats().orElse(Double.NaN);
        if (curve.accept(e.step(), e.lossNats().isPresent(), nats, e.tokens().isPresent(),
                e.tokens().orElse(-1)) != LossCurve.Outcome.POINT) {
            return;
        }
        heatWindow.add(e.step(), nats, e.learningRate().orElse(Double.NaN),
                e.batchSequences().isPresent() ? e.batchSequences().getAsLong() : Double.NaN)
                .ifPresent(h -> {
                    lastHeat = h;
                    detector.accept(h);
                });
        updateFlux(e.monoNanos() / 1e9);
    }

    private void updateFlux(double tSeconds) {
        Optional<Baseline> h = baseline();
        if (h.isEmpty() || curve.tokens().isEmpty()) return;
        var cur = new NegentropyFlux.Point(tSeconds, curve.tokens().getAsLong(), smoothedLossBits(), h.get().bits());
        if (fluxFrom == null) {
            fluxFrom = cur;
        } else if (cur.tSeconds() - fluxFrom.tSeconds() >= MIN_FLUX_INTERVAL_SECONDS) {
            fluxTotal = NegentropyFlux.total(fluxFrom, cur, settings.modelTerm());
            fluxThroughput = NegentropyFlux.throughput(fluxFrom, cur);
            fluxFrom = cur;
        }
    }

    /**
     * Continue a run from stored totals (resume after a restart): the curve comes back (see LossCurve.restore); the
     * flux and heat-capacity windows start afresh, since their inputs are short-lived.
     */
    void restore(long steps, long last, OptionalLong storedTokens, double smoothedBits, double baselineBits,
                 Optional<PrequentialCurve> stored) {
        curve.restore(steps, last, storedTokens, smoothedBits, baselineBits, stored);
    }

    Optional<Baseline> baseline() { return curve.baseline(); }

    double smoothedLossBits() { return curve.smoothedLossBits(); }

    OptionalLong tokens() { return curve.tokens(); }

    long trainSteps() { return curve.trainSteps(); }

    long lastStep() { return curve.lastStep(); }

    double lossBits() { return curve.lossBits(); }

    double evalLossBits() { return evalLossBits; }

    long tokensDecreased() { return curve.tokensDecreased(); }

    long stepsReplayed() { return curve.stepsReplayed(); }

    boolean diverged() { return curve.diverged(); }

    long nonFiniteLosses() { return curve.nonFiniteLosses(); }

    Optional<PrequentialCurve> curve() { return curve.curve(); }

    Figure fluxTotal() { return fluxTotal; }

    Figure fluxThroughput() { return fluxThroughput; }

    HeatState heat() {
        Figure none = Figure.absent(Flag.TOO_FEW_POINTS);
        return new HeatState(lastHeat == null ? none : lastHeat.residualVariance(),
                lastHeat == null ? none : lastHeat.effectiveTemperature(),
                lastHeat == null ? none : lastHeat.heatCapacity(), detector.candidates(),
                detector.peakStep().orElse(-1));
    }
}

package io.joulebit.run;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;
import io.joulebit.thermo.Baseline;
import io.joulebit.thermo.BaselineEstimator;
import io.joulebit.thermo.DivergenceTracker;
import io.joulebit.thermo.Ema;
import io.joulebit.thermo.Figure;
import io.joulebit.thermo.Flag;
import io.joulebit.thermo.HeatCapacity;
import io.joulebit.thermo.HeatCapacityWindow;
import io.joulebit.thermo.NegentropyFlux;
import io.joulebit.thermo.TransitionDetector;
import io.joulebit.thermo.Units;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The training curve of one run: steps, tokens D, loss, smoothed loss L̄, baseline H, flux and heat capacity.
 * Eval events are remembered but never enter the curve. Not thread-safe (the accountant's single writer owns it).
 */
final class ProgressTracker {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressTracker.class);
    /** Flux is differenced over at least this much time, so a burst of lines read at once gives no absurd rate. */
    static final double MIN_FLUX_INTERVAL_SECONDS = 1.0;

    private final RunSettings settings;
    private final BaselineEstimator baselineEstimator;
    private final Ema ema;
    private final DivergenceTracker divergence = new DivergenceTracker();
    private final HeatCapacityWindow heatWindow;
    private final TransitionDetector detector = new TransitionDetector();
    private long trainSteps;
    private long lastStep = -1;
    private long tokens = -1;
    private long tokensDecreased;
    private long stepsReplayed;
    private double lossBits = Double.NaN;
    private double evalLossBits = Double.NaN;
    private NegentropyFlux.Point fluxFrom;
    private Figure fluxTotal = Figure.absent(Flag.NO_LOSS);
    private Figure fluxThroughput = Figure.absent(Flag.NO_LOSS);
    private HeatCapacity lastHeat;

    ProgressTracker(RunSettings settings) {
        this.settings = settings;
        this.baselineEstimator = new BaselineEstimator(settings.baselinePoints());
        this.ema = new Ema(settings.smoothingHalfLifePoints());
        this.heatWindow = new HeatCapacityWindow(settings.heatCapacityWindow(), settings.optimizer(),
                settings.momentum());
    }

    void accept(StepEvent e) {
        if (e.phase() == Phase.EVAL) {
            e.lossNats().ifPresent(l -> { if (Double.isFinite(l)) evalLossBits = Units.natsToBits(l); });
            return;
        }
        boolean moreTokens = e.tokens().isPresent() && e.tokens().getAsLong() > tokens;
        if (lastStep >= 0 && e.step() <= lastStep && !moreTokens) {
            // A step we already counted: a log rewritten whole or re-read after truncation, or training resumed
            // from an earlier checkpoint. Counted, never added twice. A lower step that brings new tokens is new
            // progress (the step counter restarted, or one bogus huge step number was logged), so it counts.
            stepsReplayed++;
            return;
        }
        trainSteps++;
        lastStep = e.step();
        if (e.tokens().isPresent()) {
            long t = e.tokens().getAsLong();
            if (t < tokens) { // D never goes backwards; a restarted counter is noted, not followed
                if (tokensDecreased++ == 0) {
                    LOG.warn("run {}: cumulative tokens went backwards at step {} ({} after {}); D stays, counted in "
                            + "tokens_decreased", settings.runId(), e.step(), t, tokens);
                } else {
                    LOG.debug("run {}: tokens went backwards again at step {}", settings.runId(), e.step());
                }
            } else {
                tokens = t;
            }
        }
        if (e.lossNats().isEmpty()) return;
        double nats = e.lossNats().getAsDouble();
        boolean wasDiverged = divergence.diverged();
        if (!divergence.accept(nats)) { // NaN/Inf: dropped and counted (PHYSICS.md §8)
            if (!wasDiverged && divergence.diverged()) {
                LOG.warn("run {} diverged at step {}: {} non-finite losses in a row (flag diverged stays set)",
                        settings.runId(), e.step(), divergence.consecutiveDropped());
            }
            return;
        }
        lossBits = Units.natsToBits(nats);
        if (settings.fixedBaseline() == null) baselineEstimator.accept(lossBits);
        ema.update(lossBits);
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
        if (h.isEmpty() || tokens < 0) return;
        var cur = new NegentropyFlux.Point(tSeconds, tokens, smoothedLossBits(), h.get().bits());
        if (fluxFrom == null) {
            fluxFrom = cur;
        } else if (cur.tSeconds() - fluxFrom.tSeconds() >= MIN_FLUX_INTERVAL_SECONDS) {
            fluxTotal = NegentropyFlux.total(fluxFrom, cur, settings.modelTerm());
            fluxThroughput = NegentropyFlux.throughput(fluxFrom, cur);
            fluxFrom = cur;
        }
    }

    /**
     * Continue a run from stored totals (resume after a restart): counts, D, L̄ and H come back; the flux and
     * heat-capacity windows start afresh, since their inputs are short-lived.
     */
    void restore(long steps, long last, OptionalLong storedTokens, double smoothedBits, double baselineBits) {
        trainSteps = steps;
        lastStep = last;
        tokens = storedTokens.orElse(-1);
        if (Double.isFinite(smoothedBits)) {
            ema.update(smoothedBits);
            lossBits = smoothedBits;
        }
        if (settings.fixedBaseline() == null && Double.isFinite(baselineBits)) {
            for (int i = 0; i < settings.baselinePoints(); i++) baselineEstimator.accept(baselineBits);
        }
    }

    Optional<Baseline> baseline() {
        return settings.fixedBaseline() != null ? Optional.of(settings.fixedBaseline()) : baselineEstimator.baseline();
    }

    double smoothedLossBits() { return ema.value().orElse(Double.NaN); }

    OptionalLong tokens() { return tokens < 0 ? OptionalLong.empty() : OptionalLong.of(tokens); }

    long trainSteps() { return trainSteps; }

    long lastStep() { return lastStep; }

    double lossBits() { return lossBits; }

    double evalLossBits() { return evalLossBits; }

    long tokensDecreased() { return tokensDecreased; }

    long stepsReplayed() { return stepsReplayed; }

    boolean diverged() { return divergence.diverged(); }

    long nonFiniteLosses() { return divergence.droppedPoints(); }

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

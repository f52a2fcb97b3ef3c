package io.joulebit.demo.grok;

import io.joulebit.thermo.EffectiveTemperature;
import io.joulebit.thermo.HeatCapacity;
import io.joulebit.thermo.HeatCapacityWindow;
import io.joulebit.thermo.TransitionDetector;
import java.util.ArrayList;
import java.util.List;

/**
 * One heat-capacity estimator under test: the agent's own window and detector (PHYSICS.md §6) fed one series (train
 * or eval loss, or its logarithm: a relative fluctuation that does not shrink with the loss itself) with a given
 * window size. Keeps every window's C_L and the step at which each candidate was counted
 * (the moment the TransitionCandidate alert would see the counter grow).
 */
final class HeatProbe {
    /** One evaluated window: its last step and C_L (NaN when the window has none). */
    record Window(long step, double heatCapacity) {}

    final String name;
    final boolean eval;
    private final boolean logLoss;
    private final HeatCapacityWindow window;
    private final TransitionDetector detector = new TransitionDetector();
    private final List<Window> windows = new ArrayList<>();
    private final List<Long> candidates = new ArrayList<>();

    HeatProbe(String name, boolean eval, int windowSize, boolean logLoss) {
        this.name = name;
        this.eval = eval;
        this.logLoss = logLoss;
        this.window = new HeatCapacityWindow(windowSize, EffectiveTemperature.Optimizer.ADAM, 0);
    }

    void add(GrokkingPoint p, double learningRate, long batchSequences) {
        if (p.eval() != eval) {
            return;
        }
        double loss = logLoss ? Math.log(p.loss()) : p.loss(); // log of 0 is -Inf: an invalid point, as NaN is
        window.add(p.step(), loss, learningRate, batchSequences).ifPresent(this::accept);
    }

    private void accept(HeatCapacity h) {
        long before = detector.candidates();
        detector.accept(h);
        windows.add(new Window(h.lastStep(), h.heatCapacity().present() ? h.heatCapacity().value() : Double.NaN));
        if (detector.candidates() > before) {
            candidates.add(h.lastStep());
        }
    }

    List<Window> windows() { return windows; }

    List<Long> candidates() { return candidates; }
}

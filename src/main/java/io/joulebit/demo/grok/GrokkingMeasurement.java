package io.joulebit.demo.grok;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What one grokking run showed: the step the training set was memorised (train accuracy ≥ 99 %), the step of the
 * generalisation jump (validation accuracy first > 90 %) and, per heat-capacity estimator, the candidate steps —
 * the agent's default (train loss, W = 32) and the alternatives docs/heat-capacity.md compares.
 */
public final class GrokkingMeasurement implements Consumer<GrokkingPoint> {
    static final double MEMORISED = 0.99;
    static final double GENERALISED = 0.90;

    private final double learningRate;
    private final long batchSequences;
    private final List<HeatProbe> probes = List.of(
            new HeatProbe("train_w32", false, 32, false), new HeatProbe("train_w8", false, 8, false),
            new HeatProbe("eval_w8", true, 8, false), new HeatProbe("train_log_w8", false, 8, true));
    private final List<GrokkingPoint> points = new ArrayList<>();
    private long memorised = -1;
    private long generalised = -1;

    public GrokkingMeasurement(double learningRate, long batchSequences) {
        this.learningRate = learningRate;
        this.batchSequences = batchSequences;
    }

    @Override
    public synchronized void accept(GrokkingPoint p) {
        points.add(p);
        if (!p.eval() && memorised < 0 && p.accuracy() >= MEMORISED) {
            memorised = p.step();
        }
        if (p.eval() && generalised < 0 && p.accuracy() > GENERALISED) {
            generalised = p.step();
        }
        probes.forEach(h -> h.add(p, learningRate, batchSequences));
    }

    /** Step at which train accuracy first reached 99 %, -1 if never. */
    public synchronized long memorisedStep() { return memorised; }

    /** Step at which validation accuracy first exceeded 90 %, -1 if never. */
    public synchronized long generalisedStep() { return generalised; }

    synchronized List<GrokkingPoint> points() { return List.copyOf(points); }

    List<HeatProbe> probes() { return probes; }

    /** One line per estimator: name, candidate steps, first lead time (jump − first earlier candidate) or "-". */
    public synchronized List<String> summary() {
        List<String> out = new ArrayList<>();
        for (HeatProbe h : probes) {
            long before = h.candidates().stream().filter(s -> generalised < 0 || s < generalised).count();
            long after = h.candidates().size() - before;
            String lead = generalised < 0 || before == 0 ? "-"
                    : Long.toString(generalised - h.candidates().get(0));
            out.add(String.format("%s candidates=%s before_jump=%d after_jump=%d lead_steps=%s", h.name,
                    h.candidates(), before, after, lead));
        }
        return out;
    }
}

package io.joulebit.progress.metricfile;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;
import io.joulebit.progress.format.LossUnit;
import io.joulebit.progress.tail.TailPosition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Scalars (in time order, all files of a run merged) to StepEvents. The loss tag is chosen from the first tag a
 * writer is known by ({@link WriterTags}); points before that choice are held and replayed. A train step is held
 * until its step is over (another step's loss, an eval point, or the files caught up), so the tokens, samples and
 * learning rate the writer logs at the same step, before or after the loss, join it. A point whose step is not
 * past the last one of its series (a second file repeating a series, a restarted writer) is counted and dropped.
 */
public final class StepAssembler {
    /** Receives each event with the consumed samples it carries (-1: none) and the position just past it. */
    public interface Emitter { void emit(StepEvent e, long consumedSamples, TailPosition at); }

    static final int MAX_HELD = 100_000;

    private final TagOverrides overrides;
    private final LossUnit configuredUnit;
    private final Emitter out;
    private final Map<String, long[]> lastStep = new HashMap<>();   // per series, unboxed
    private final List<ScalarPoint> held = new ArrayList<>();
    private final List<TailPosition> heldAt = new ArrayList<>();
    private TagSet tags;
    private StepEvent pending;
    private long pendingSamples = -1;
    private TailPosition pendingAt;
    private long sideStep = Long.MIN_VALUE;   // tokens/samples/lr seen before their step's loss
    private long sideTokens = -1;
    private long sideSamples = -1;
    private double sideLr = Double.NaN;
    private long points;
    private long used;
    private long repeated;
    private long dropped;

    public StepAssembler(TagOverrides overrides, LossUnit configuredUnit, Emitter out) {
        this.overrides = overrides;
        this.configuredUnit = configuredUnit;
        this.out = out;
    }

    public void point(ScalarPoint p, TailPosition at) {
        points++;
        if (tags == null) {
            tags = WriterTags.choose(p.key(), overrides, configuredUnit).orElse(null);
            if (tags == null) {
                hold(p, at);
                return;
            }
            List<ScalarPoint> h = new ArrayList<>(held);
            List<TailPosition> ha = new ArrayList<>(heldAt);
            held.clear();
            heldAt.clear();
            points -= h.size();
            for (int i = 0; i < h.size(); i++) point(h.get(i), ha.get(i));
        }
        apply(p, at);
    }

    private void hold(ScalarPoint p, TailPosition at) {
        if (held.size() >= MAX_HELD) {
            held.remove(0);
            heldAt.remove(0);
            dropped++;
        }
        held.add(p);
        heldAt.add(at);
    }

    private void apply(ScalarPoint p, TailPosition at) {
        String k = p.key();
        boolean loss = k.equals(tags.loss());
        boolean eval = k.equals(tags.eval());
        boolean side = k.equals(tags.tokens()) || k.equals(tags.samples()) || k.equals(tags.lr());
        if (!loss && !eval && !side) return;
        long[] last = lastStep.computeIfAbsent(k, x -> new long[]{Long.MIN_VALUE});
        if (p.step() <= last[0]) {
            repeated++;
            return;
        }
        last[0] = p.step();
        used++;
        if (loss) {
            flush();
            double nats = tags.unit().toNats(p.value());
            pending = new StepEvent(p.step(), OptionalDouble.of(nats), OptionalLong.empty(), OptionalDouble.empty(),
                    OptionalLong.empty(), 0L, Phase.TRAIN);
            pendingAt = at;
            if (sideStep == p.step()) join();
        } else if (eval) {
            flush();
            StepEvent e = new StepEvent(p.step(), OptionalDouble.of(tags.unit().toNats(p.value())), OptionalLong.empty(),
                    OptionalDouble.empty(), OptionalLong.empty(), 0L, Phase.EVAL);
            out.emit(e, -1, at);
        } else {
            if (sideStep != p.step()) {
                sideStep = p.step();
                sideTokens = -1;
                sideSamples = -1;
                sideLr = Double.NaN;
            }
            if (k.equals(tags.tokens())) sideTokens = (long) p.value();
            if (k.equals(tags.samples())) sideSamples = (long) p.value();
            if (k.equals(tags.lr())) sideLr = p.value();
            if (pending != null && pending.step() == p.step()) {
                join();
                pendingAt = at;
            }
        }
    }

    private void join() {
        if (sideTokens >= 0 && pending.tokens().isEmpty()) pending = pending.withTokens(sideTokens);
        if (sideSamples >= 0) pendingSamples = sideSamples;
        if (!Double.isNaN(sideLr) && pending.learningRate().isEmpty()) pending = pending.withLearningRate(sideLr);
    }

    /** The files have nothing more for now: the held train step is complete as far as anyone knows. */
    public void flush() {
        if (pending == null) return;
        StepEvent e = pending;
        long s = pendingSamples;
        pending = null;
        pendingSamples = -1;
        out.emit(e, s, pendingAt);
    }

    /** The chosen series, or null while no known loss tag has appeared. */
    public TagSet tags() { return tags; }

    public long points() { return points; }
    public long used() { return used; }
    public long repeated() { return repeated; }
    /** Points held before any loss tag appeared, beyond {@link #MAX_HELD}, and so never looked at again. */
    public long dropped() { return dropped; }
    public long held() { return held.size(); }

    /** The series seen while no loss tag was chosen (for the message that asks for --loss-tag). */
    public SortedSet<String> heldKeys() {
        SortedSet<String> k = new TreeSet<>();
        for (ScalarPoint p : held) k.add(p.key());
        return k;
    }
}

package io.joulebit.progress.djl;

import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListener.BatchData;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.tracker.Tracker;
import io.joulebit.health.HealthLog;
import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;
import io.joulebit.time.NanoClock;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.LongToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DJL {@link ai.djl.training.listener.TrainingListener} that turns every batch into a {@link StepEvent}.
 *
 * <p>Training batch k (counted from {@code startStep + 1}) becomes a {@link Phase#TRAIN} event with step = cumulative
 * optimizer steps, loss = the trainer's loss on that batch in nats, tokens = cumulative batch size × tokensPerSample,
 * batchSequences = batch size, lr when a schedule was given. Validation batches become {@link Phase#EVAL} events at
 * the current step and token count; they never add tokens. Every event is stamped by the injected {@link NanoClock}.
 *
 * <p>The sink decides where the events go: the embedded agent's consumer when joulebit runs in the same JVM (the
 * {@code demo} command), or a {@link StepPoster} that ships them to a joulebit sidecar's {@code /api/v1/steps}. A sink
 * that throws never fails training: the event is dropped, counted and logged once.
 *
 * <pre>{@code
 * TrainingListener l = JoulebitTrainingListener.builder(poster).tokensPerSample(seqLen).learningRate(tracker).build();
 * new DefaultTrainingConfig(loss).addTrainingListeners(l);
 * }</pre>
 */
public final class JoulebitTrainingListener extends TrainingListenerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(JoulebitTrainingListener.class);

    private final Consumer<StepEvent> sink;
    private final NanoClock clock;
    private final long tokensPerSample;
    private final LongToDoubleFunction learningRateAtStep; // null when unknown
    private long step;
    private long tokens;
    private long sinkFailures;
    private final HealthLog health = new HealthLog(LOG); // edge-triggered logs of an unreadable loss, a failing sink

    private JoulebitTrainingListener(Builder b) {
        this.sink = b.sink;
        this.clock = b.clock;
        this.tokensPerSample = b.tokensPerSample;
        this.learningRateAtStep = b.learningRateAtStep;
        this.step = b.startStep;
        this.tokens = b.startTokens;
    }

    public static Builder builder(Consumer<StepEvent> sink) { return new Builder(sink); }

    @Override
    public synchronized void onTrainingBatch(Trainer trainer, BatchData data) {
        long size = data.getBatch().getSize();
        step++;
        tokens += size * tokensPerSample;
        OptionalDouble lr = learningRateAtStep == null
                ? OptionalDouble.empty() : finite(learningRateAtStep.applyAsDouble(step));
        emit(new StepEvent(step, loss(trainer, data), OptionalLong.of(tokens), lr, OptionalLong.of(size),
                clock.nanoTime(), Phase.TRAIN));
    }

    @Override
    public synchronized void onValidationBatch(Trainer trainer, BatchData data) {
        long size = data.getBatch().getSize();
        emit(new StepEvent(step, loss(trainer, data), OptionalLong.of(tokens), OptionalDouble.empty(),
                OptionalLong.of(size), clock.nanoTime(), Phase.EVAL));
    }

    /** Optimizer steps seen so far (including startStep). */
    public synchronized long steps() { return step; }

    /** Cumulative loss-bearing tokens of training batches so far (including startTokens). */
    public synchronized long tokens() { return tokens; }

    /** Events the sink refused by throwing. */
    public synchronized long sinkFailures() { return sinkFailures; }

    private OptionalDouble loss(Trainer trainer, BatchData data) {
        try {
            OptionalDouble v = BatchLoss.mean(trainer.getLoss(), data);
            if (v.isPresent()) health.recovered("loss", "batch loss readable again at step {}", step);
            return v;
        } catch (RuntimeException e) {
            health.problem("loss", e.toString(), "cannot read the batch loss at step {}: {}", step, e.toString());
            return OptionalDouble.empty();
        }
    }

    private void emit(StepEvent event) {
        try {
            sink.accept(event);
        } catch (RuntimeException e) {
            sinkFailures++;
            health.problem("sink", e.toString(), "step sink failed; training goes on, events are dropped ({} so far): {}",
                    sinkFailures, e.toString());
        }
    }

    private static OptionalDouble finite(double v) {
        return Double.isFinite(v) ? OptionalDouble.of(v) : OptionalDouble.empty();
    }

    /** Options; only the sink is required. */
    public static final class Builder {
        private final Consumer<StepEvent> sink;
        private NanoClock clock = NanoClock.SYSTEM;
        private long tokensPerSample = 1;
        private LongToDoubleFunction learningRateAtStep;
        private long startStep;
        private long startTokens;

        private Builder(Consumer<StepEvent> sink) { this.sink = Objects.requireNonNull(sink, "sink"); }

        public Builder clock(NanoClock c) { this.clock = Objects.requireNonNull(c, "clock"); return this; }

        /** Loss-bearing tokens per sample (sequence length for a causal LM; 1 for one next-token target). */
        public Builder tokensPerSample(long n) {
            if (n < 1) {
                throw new IllegalArgumentException("tokensPerSample: Expecting >= 1. Found: " + n);
            }
            this.tokensPerSample = n;
            return this;
        }

        /** Learning rate as a function of the 1-based optimizer step. */
        public Builder learningRateAtStep(LongToDoubleFunction atStep) {
            this.learningRateAtStep = Objects.requireNonNull(atStep, "atStep");
            return this;
        }

        /** The optimizer's DJL tracker; DJL's optimizers ask it for update count k at step k. */
        public Builder learningRate(Tracker tracker) {
            Objects.requireNonNull(tracker, "tracker");
            return learningRateAtStep(s -> tracker.getNewValue((int) Math.min(s, Integer.MAX_VALUE)));
        }

        /** Counters to continue from when training resumes from a checkpoint. */
        public Builder resumeFrom(long steps, long cumulativeTokens) {
            if (steps < 0 || cumulativeTokens < 0) {
                throw new IllegalArgumentException(
                        "resumeFrom: Expecting >= 0. Found: " + steps + ", " + cumulativeTokens);
            }
            this.startStep = steps;
            this.startTokens = cumulativeTokens;
            return this;
        }

        public JoulebitTrainingListener build() { return new JoulebitTrainingListener(this); }
    }
}

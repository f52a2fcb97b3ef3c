package io.joulebit.demo.grok;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.AdamW;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.Batchifier;
import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;
import io.joulebit.progress.djl.JoulebitTrainingListener;
import io.joulebit.time.NanoClock;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * `joulebit demo --task grokking`: modular addition trained with DJL (PyTorch CPU) until the validation accuracy
 * jumps long after the training set is memorised. By default every optimizer step is one full batch of all training
 * pairs (so the train loss has no sampling noise: what fluctuates is the optimisation itself); with a batch size,
 * each step draws that many pairs with replacement (the SGD noise the heat capacity's temperature stands for).
 * Validation on all held-out pairs every {@code evalEvery} steps. Steps reach the agent through {@link JoulebitTrainingListener} like any DJL job's; the
 * accuracies go to {@code points} beside them.
 */
public final class GrokkingTraining {
    private final GrokkingOptions opts;
    private final ModularAddition data;
    private final AtomicBoolean stop = new AtomicBoolean();

    public GrokkingTraining(GrokkingOptions opts) {
        this.opts = Objects.requireNonNull(opts, "opts");
        this.data = new ModularAddition(opts.modulus(), opts.trainFraction(), opts.seed());
    }

    public long parameterCount() { return GrokkingModel.parameterCount(opts.modulus(), opts.hidden()); }

    /** Sequences per optimizer step (B_seq of the heat capacity's temperature). */
    public int batchSize() { return opts.batch() > 0 ? opts.batch() : data.trainSize(); }

    /** Training pairs (the rest of the p² are validation pairs). */
    public int trainSize() { return data.trainSize(); }

    public GrokkingOptions options() { return opts; }

    /** Ends a running job after its current step; safe from any thread. */
    public void stop() { stop.set(true); }

    /** Trains opts.steps() steps (or until stop()); returns the steps done. */
    public long run(Consumer<StepEvent> agent, Consumer<GrokkingPoint> points, NanoClock clock) {
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed((int) opts.seed());
        AccuracyListener accuracy = new AccuracyListener();
        Consumer<StepEvent> tee = e -> {
            boolean eval = e.phase() == Phase.EVAL;
            points.accept(new GrokkingPoint(e.step(), eval, e.lossNats().orElse(Double.NaN),
                    eval ? accuracy.valid() : accuracy.train()));
            agent.accept(e);
        };
        JoulebitTrainingListener listener = JoulebitTrainingListener.builder(tee).clock(clock).tokensPerSample(1)
                .learningRate(Tracker.fixed(opts.learningRate())).build();
        try (Model model = Model.newInstance("joulebit-grokking", Device.cpu(), engine.getEngineName())) {
            model.setBlock(GrokkingModel.build(opts.modulus(), opts.hidden()));
            AdamW adamW = AdamW.builder().optLearningRateTracker(Tracker.fixed(opts.learningRate()))
                    .optBeta2(0.98f).optWeightDecays(opts.weightDecay()).build();
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(adamW).optDevices(new Device[] {Device.cpu()})
                    .addTrainingListeners(accuracy, listener);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(batchSize(), 2));
                Random draw = new Random(opts.seed() * 0x9E3779B97F4A7C15L);
                long[] x = new long[2 * batchSize()];
                long[] y = new long[batchSize()];
                long steps = 0;
                while (steps < opts.steps() && !stop.get() && !Thread.currentThread().isInterrupted()) {
                    fill(draw, x, y);
                    try (Batch batch = batch(trainer.getManager(), x, y, steps)) {
                        EasyTrain.trainBatch(trainer, batch);
                        trainer.step();
                    }
                    steps++;
                    if (steps % opts.evalEvery() == 0) {
                        try (Batch batch = batch(trainer.getManager(), data.validX, data.validY, steps)) {
                            EasyTrain.validateBatch(trainer, batch);
                        }
                    }
                }
                return steps;
            }
        }
    }

    /** The step's training pairs: all of them in order, or a draw with replacement. */
    private void fill(Random draw, long[] x, long[] y) {
        for (int k = 0; k < y.length; k++) {
            int j = opts.batch() > 0 ? draw.nextInt(data.trainSize()) : k;
            x[2 * k] = data.trainX[2 * j];
            x[2 * k + 1] = data.trainX[2 * j + 1];
            y[k] = data.trainY[j];
        }
    }

    /** Pairs as one batch, on a sub-manager closed with it (frees the step's intermediates). */
    private Batch batch(NDManager parent, long[] x, long[] y, long progress) {
        NDManager m = parent.newSubManager();
        int n = y.length;
        NDList in = new NDList(m.create(x, new Shape(n, 2)));
        NDList labels = new NDList(m.create(y, new Shape(n)));
        return new Batch(m, in, labels, n, Batchifier.STACK, Batchifier.STACK, progress, opts.steps());
    }
}

package io.joulebit.demo;

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
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.Batchifier;
import io.joulebit.progress.StepEvent;
import io.joulebit.progress.djl.JoulebitTrainingListener;
import io.joulebit.time.NanoClock;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The demo training job: a small next-character language model trained with DJL's PyTorch CPU engine on the
 * public-domain Shakespeare shipped in the jar, fully offline. Softmax cross-entropy (nats), Adam, one optimizer step
 * per batch of random windows, held-out validation every {@code evalEverySteps}.
 *
 * <p>The JVM needs {@code -Dai.djl.offline=true} and env {@code OPT_OUT_TRACKING=true}, {@code DJL_CACHE_DIR} (the
 * native library is extracted there from the pytorch-native-cpu jar on first use).
 *
 * <pre>{@code
 * DemoTraining demo = new DemoTraining(DemoOptions.defaults().withMaxDuration(Duration.ofSeconds(60)));
 * long nParams = demo.parameterCount();                 // before training, for the agent's config
 * DemoSummary s = demo.run(demo.listener(agentSink, clock));   // blocks; demo.stop() from another thread ends it
 * }</pre>
 */
public final class DemoTraining {
    private static final int TOKENS_PER_SAMPLE = 1; // one predicted character per sequence

    private final DemoOptions opts;
    private final DemoCorpus corpus;
    private final AtomicBoolean stop = new AtomicBoolean();

    public DemoTraining(DemoOptions opts) {
        this.opts = Objects.requireNonNull(opts, "opts");
        this.corpus = DemoCorpus.shipped();
    }

    /** N_params of the model run() will build (by arithmetic; equals the initialised model's count). */
    public long parameterCount() {
        return DemoModel.parameterCount(corpus.vocabSize(), opts.contextChars(), opts.embedDim(), opts.hiddenUnits());
    }

    public int vocabSize() { return corpus.vocabSize(); }

    /** Entropy of the corpus' character frequencies in nats (a `unigram` baseline for the agent). */
    public double unigramEntropyNats() { return corpus.unigramEntropyNats(); }

    /** A listener feeding {@code sink}, set up for this job: one token per sample and the fixed learning rate. */
    public JoulebitTrainingListener listener(Consumer<StepEvent> sink, NanoClock clock) {
        return JoulebitTrainingListener.builder(sink).clock(clock).tokensPerSample(TOKENS_PER_SAMPLE)
                .learningRate(Tracker.fixed(opts.learningRate())).build();
    }

    /** Asks a running (or the next) run to end after its current step. Safe from any thread. */
    public void stop() { stop.set(true); }

    /** Trains until maxSteps, maxDuration, stop() or an interrupt; extra listeners see every batch. */
    public DemoSummary run(TrainingListener... extra) {
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed((int) opts.seed());
        DemoLossLog losses = new DemoLossLog();
        JoulebitTrainingListener counter = listener(losses, opts.clock());
        int vocab = corpus.vocabSize();
        int context = opts.contextChars();
        try (Model model = Model.newInstance("joulebit-demo", Device.cpu(), engine.getEngineName())) {
            model.setBlock(DemoModel.build(vocab, context, opts.embedDim(), opts.hiddenUnits(), opts.dropout()));
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Adam.builder().optLearningRateTracker(Tracker.fixed(opts.learningRate())).build())
                    .optDevices(new Device[] {Device.cpu()})
                    .addTrainingListeners(counter)
                    .addTrainingListeners(extra);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(opts.batchSize(), context));
                long parameters = DemoModel.parameterCount(model.getBlock());
                Random rnd = new Random(opts.seed());
                NanoClock clock = opts.clock();
                long start = clock.nanoTime();
                long steps = 0;
                boolean stopped = false;
                while (!limitReached(steps, clock.nanoTime() - start)) {
                    if (stop.get() || Thread.currentThread().isInterrupted()) {
                        stopped = true;
                        break;
                    }
                    try (Batch batch = batch(trainer.getManager(), rnd, false, steps)) {
                        EasyTrain.trainBatch(trainer, batch);
                        trainer.step();
                    }
                    steps++;
                    if (opts.evalEverySteps() > 0 && steps % opts.evalEverySteps() == 0) {
                        validate(trainer, rnd, steps);
                    }
                }
                Duration took = Duration.ofNanos(clock.nanoTime() - start);
                return new DemoSummary(steps, counter.tokens(), parameters, vocab, losses.first(),
                        losses.finalMean(), losses.lastEval(), took, stopped);
            }
        }
    }

    private boolean limitReached(long steps, long elapsedNanos) {
        boolean bySteps = opts.maxSteps() > 0 && steps >= opts.maxSteps();
        boolean byTime = !opts.maxDuration().isZero() && elapsedNanos >= opts.maxDuration().toNanos();
        return bySteps || byTime;
    }

    private void validate(Trainer trainer, Random rnd, long steps) {
        for (int i = 0; i < opts.evalBatches(); i++) {
            try (Batch batch = batch(trainer.getManager(), rnd, true, steps)) {
                EasyTrain.validateBatch(trainer, batch);
            }
        }
    }

    /** A batch on its own sub-manager (closed with the batch), as DJL's dataset iterator makes them. */
    private Batch batch(NDManager parent, Random rnd, boolean heldOut, long progress) {
        int size = opts.batchSize();
        int context = opts.contextChars();
        long[] x = new long[size * context];
        long[] y = new long[size];
        corpus.sample(rnd, heldOut, context, x, y);
        NDManager manager = parent.newSubManager();
        NDList data = new NDList(manager.create(x, new Shape(size, context)));
        NDList labels = new NDList(manager.create(y, new Shape(size)));
        long total = opts.maxSteps() > 0 ? opts.maxSteps() : Long.MAX_VALUE;
        return new Batch(manager, data, labels, size, Batchifier.STACK, Batchifier.STACK, progress, total);
    }
}

package io.joulebit.progress.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.TrainingResult;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.listener.EvaluatorTrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.tracker.Tracker;
import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;
import io.joulebit.time.NanoClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Runs a real DJL trainer (PyTorch CPU) on a tiny linear classifier over random data. */
class JoulebitTrainingListenerTest {
    private static final int CLASSES = 5;
    private static final int BATCH = 8;

    /** Trains one epoch of {@code trainBatches} full batches, then validates {@code evalBatches} batches. */
    private static TrainingResult fit(JoulebitTrainingListener listener, int trainBatches, int evalBatches)
            throws Exception {
        Engine.getEngine("PyTorch").setRandomSeed(7);
        try (Model model = Model.newInstance("listener-test", "PyTorch");
             NDManager data = NDManager.newBaseManager("PyTorch")) {
            model.setBlock(Linear.builder().setUnits(CLASSES).build());
            ArrayDataset train = dataset(data, trainBatches * BATCH);
            ArrayDataset validate = dataset(data, evalBatches * BATCH);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .addTrainingListeners(new EvaluatorTrainingListener(), listener);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(BATCH, 3));
                EasyTrain.fit(trainer, 1, train, validate);
                return trainer.getTrainingResult();
            }
        }
    }

    private static ArrayDataset dataset(NDManager m, int samples) {
        NDArray x = m.randomNormal(new Shape(samples, 3));
        NDArray y = m.randomInteger(0, CLASSES, new Shape(samples), DataType.INT64);
        return new ArrayDataset.Builder().setData(x).optLabels(y).setSampling(BATCH, false).build();
    }

    @Test
    void everyTrainingBatchIsAStepWithCumulativeTokensAndTheTrainersLoss() throws Exception {
        List<StepEvent> events = new ArrayList<>();
        AtomicLong ticks = new AtomicLong();
        NanoClock clock = () -> ticks.addAndGet(1_000);
        JoulebitTrainingListener listener = JoulebitTrainingListener.builder(events::add).clock(clock)
                .tokensPerSample(16).learningRate(Tracker.fixed(0.01f)).build();

        TrainingResult result = fit(listener, 5, 2);

        List<StepEvent> train = events.stream().filter(e -> e.phase() == Phase.TRAIN).toList();
        assertThat(train).extracting(StepEvent::step).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(train).extracting(e -> e.tokens().getAsLong())
                .containsExactly(128L, 256L, 384L, 512L, 640L); // 8 sequences × 16 tokens, cumulative
        assertThat(train).allSatisfy(e -> {
            assertThat(e.batchSequences().getAsLong()).isEqualTo(BATCH);
            assertThat(e.learningRate().getAsDouble()).isCloseTo(0.01, within(1e-9));
            assertThat(e.lossNats().getAsDouble()).isFinite().isPositive();
        });
        // DJL's own evaluator averages the same per-batch losses over the epoch
        double meanTrainLoss = train.stream().mapToDouble(e -> e.lossNats().getAsDouble()).average().orElseThrow();
        assertThat(meanTrainLoss).isCloseTo(result.getTrainLoss(), within(1e-4));
        assertThat(events).extracting(StepEvent::monoNanos)
                .containsExactly(1_000L, 2_000L, 3_000L, 4_000L, 5_000L, 6_000L, 7_000L);
        assertThat(listener.steps()).isEqualTo(5);
        assertThat(listener.tokens()).isEqualTo(640);
    }

    @Test
    void validationBatchesAreEvalEventsThatAddNoTokens() throws Exception {
        List<StepEvent> events = new ArrayList<>();
        JoulebitTrainingListener listener = JoulebitTrainingListener.builder(events::add).build();

        TrainingResult result = fit(listener, 3, 2);

        List<StepEvent> eval = events.stream().filter(e -> e.phase() == Phase.EVAL).toList();
        assertThat(eval).hasSize(2).allSatisfy(e -> {
            assertThat(e.step()).isEqualTo(3);
            assertThat(e.tokens().getAsLong()).isEqualTo(3 * BATCH); // tokensPerSample defaults to 1
            assertThat(e.learningRate()).isEmpty();
        });
        double meanEvalLoss = eval.stream().mapToDouble(e -> e.lossNats().getAsDouble()).average().orElseThrow();
        assertThat(meanEvalLoss).isCloseTo(result.getValidateLoss(), within(1e-4));
        assertThat(listener.tokens()).isEqualTo(3 * BATCH);
    }

    @Test
    void resumedCountersContinueFromTheCheckpoint() throws Exception {
        List<StepEvent> events = new ArrayList<>();
        JoulebitTrainingListener listener = JoulebitTrainingListener.builder(events::add)
                .resumeFrom(100, 10_000).learningRateAtStep(step -> 1.0 / step).build();

        fit(listener, 2, 1);

        assertThat(events).extracting(StepEvent::step).containsExactly(101L, 102L, 102L);
        assertThat(events).extracting(e -> e.tokens().getAsLong()).containsExactly(10_008L, 10_016L, 10_016L);
        assertThat(events.get(1).learningRate().getAsDouble()).isCloseTo(1.0 / 102, within(1e-12));
    }

    @Test
    void aThrowingSinkNeverFailsTraining() throws Exception {
        Consumer<StepEvent> broken = e -> {
            throw new IllegalStateException("agent gone");
        };
        JoulebitTrainingListener listener = JoulebitTrainingListener.builder(broken).build();

        fit(listener, 3, 1);

        assertThat(listener.steps()).isEqualTo(3);
        assertThat(listener.sinkFailures()).isEqualTo(4);
    }

    @Test
    void rejectsNonsenseSettings() {
        assertThatThrownBy(() -> JoulebitTrainingListener.builder(e -> { }).tokensPerSample(0))
                .hasMessageContaining("tokensPerSample");
        assertThatThrownBy(() -> JoulebitTrainingListener.builder(e -> { }).resumeFrom(-1, 0))
                .hasMessageContaining("resumeFrom");
    }
}

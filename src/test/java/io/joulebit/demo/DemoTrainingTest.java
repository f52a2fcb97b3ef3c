package io.joulebit.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;
import io.joulebit.time.ManualNanoClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DemoTrainingTest {
    private static final DemoOptions SHORT = DemoOptions.defaults().withMaxSteps(30).withMaxDuration(Duration.ZERO)
            .withEval(10, 1);

    @Test
    void thirtyStepsVisiblyLowerTheLossAndReportWhatRan() {
        DemoTraining demo = new DemoTraining(SHORT);
        List<StepEvent> events = new ArrayList<>();

        DemoSummary s = demo.run(demo.listener(events::add, new ManualNanoClock()));

        List<StepEvent> train = events.stream().filter(e -> e.phase() == Phase.TRAIN).toList();
        double[] loss = train.stream().mapToDouble(e -> e.lossNats().getAsDouble()).toArray();
        assertThat(loss).hasSize(30);
        double firstFive = IntStream.range(0, 5).mapToDouble(i -> loss[i]).average().orElseThrow();
        double lastFive = IntStream.range(25, 30).mapToDouble(i -> loss[i]).average().orElseThrow();
        assertThat(firstFive).isGreaterThan(s.uniformEntropyNats() - 0.5); // starts near ln(vocab)
        assertThat(lastFive).isLessThan(firstFive);

        assertThat(s.steps()).isEqualTo(30);
        assertThat(s.tokens()).isEqualTo(30L * 128).isEqualTo(train.get(29).tokens().getAsLong());
        assertThat(s.parameterCount()).isEqualTo(demo.parameterCount()).isGreaterThan(100_000);
        assertThat(s.vocabSize()).isEqualTo(demo.vocabSize());
        assertThat(s.firstLossNats().getAsDouble()).isEqualTo(loss[0]);
        assertThat(s.finalLossNats().getAsDouble()).isLessThan(s.firstLossNats().getAsDouble());
        assertThat(s.stopped()).isFalse();
        assertThat(events.stream().filter(e -> e.phase() == Phase.EVAL)).hasSize(3)
                .extracting(StepEvent::step).containsExactly(10L, 20L, 30L);
        assertThat(s.lastEvalLossNats()).isPresent();
    }

    @Test
    void stopEndsTheRunAfterTheCurrentStep() {
        DemoTraining demo = new DemoTraining(SHORT.withMaxSteps(0).withEval(0, 1));
        List<StepEvent> events = new ArrayList<>();

        DemoSummary s = demo.run(demo.listener(e -> {
            events.add(e);
            if (e.step() == 3) {
                demo.stop();
            }
        }, new ManualNanoClock()));

        assertThat(s.steps()).isEqualTo(3);
        assertThat(s.stopped()).isTrue();
        assertThat(events).hasSize(3);
    }

    @Test
    void anInterruptEndsTheRunToo() {
        DemoTraining demo = new DemoTraining(SHORT.withMaxSteps(0).withEval(0, 1));

        DemoSummary s;
        try {
            s = demo.run(demo.listener(e -> {
                if (e.step() == 2) {
                    Thread.currentThread().interrupt();
                }
            }, new ManualNanoClock()));
        } finally {
            assertThat(Thread.interrupted()).as("the interrupt is left for the caller to see").isTrue();
        }

        assertThat(s.steps()).isEqualTo(2);
        assertThat(s.stopped()).isTrue();
    }

    @Test
    void theDurationLimitReadsTheInjectedClock() {
        ManualNanoClock clock = new ManualNanoClock();
        DemoTraining demo = new DemoTraining(SHORT.withMaxSteps(0).withMaxDuration(Duration.ofSeconds(1))
                .withEval(0, 1).withClock(clock));

        // every step advances the clock by 250 ms: the 4th step reaches the one-second limit
        DemoSummary s = demo.run(demo.listener(e -> clock.advance(Duration.ofMillis(250)), clock));

        assertThat(s.steps()).isEqualTo(4);
        assertThat(s.trainingTime()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.stopped()).isFalse();
    }

    @Test
    void optionsExplainWhatIsWrong() {
        DemoOptions d = DemoOptions.defaults();
        assertThatThrownBy(() -> d.withMaxSteps(-1)).hasMessage("maxSteps: Expecting >= 0. Found: -1");
        assertThatThrownBy(() -> d.withDropout(1f)).hasMessageStartingWith("dropout:");
        assertThatThrownBy(() -> d.withLearningRate(Float.NaN)).hasMessageStartingWith("learningRate:");
        assertThatThrownBy(() -> d.withMaxDuration(Duration.ofSeconds(-1))).hasMessageStartingWith("maxDuration:");
        assertThatThrownBy(() -> d.withModel(0, 128, 16, 256)).hasMessageStartingWith("contextChars:");
    }
}

package io.joulebit.demo.grok;

import static org.assertj.core.api.Assertions.assertThat;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;
import io.joulebit.time.ManualNanoClock;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

class GrokkingTrainingTest {
    private static final GrokkingOptions SMALL = new GrokkingOptions(11, 0.5, 32, 1e-2f, 1.0f, 40, 4, 3, 0);

    @Test
    void fullBatchStepsReachTheAgentWithEvalPointsAndAccuracies() {
        GrokkingTraining job = new GrokkingTraining(SMALL);
        List<StepEvent> events = new ArrayList<>();
        List<GrokkingPoint> points = new ArrayList<>();

        long steps = job.run(events::add, points::add, new ManualNanoClock());

        assertThat(steps).isEqualTo(40);
        List<StepEvent> train = events.stream().filter(e -> e.phase() == Phase.TRAIN).toList();
        assertThat(train).hasSize(40);
        assertThat(job.trainSize()).isEqualTo(61); // round(0.5 * 121)
        assertThat(train.get(39).tokens()).hasValue(40L * 61); // one predicted residue per pair
        assertThat(train.get(0).batchSequences()).hasValue(61L);
        assertThat(train.get(0).learningRate()).hasValue(1e-2f);
        assertThat(events.stream().filter(e -> e.phase() == Phase.EVAL)).extracting(StepEvent::step)
                .containsExactly(4L, 8L, 12L, 16L, 20L, 24L, 28L, 32L, 36L, 40L);
        assertThat(points).hasSize(events.size());
        assertThat(points).allSatisfy(p -> assertThat(p.accuracy()).isBetween(0.0, 1.0));
        double first = train.get(0).lossNats().getAsDouble();
        assertThat(first).isCloseTo(Math.log(11), Offset.offset(0.5)); // starts near chance
        assertThat(train.get(39).lossNats().getAsDouble()).isLessThan(first - 0.5);
        assertThat(points.get(points.size() - 2).accuracy()).as("train accuracy after 40 steps")
                .isGreaterThan(points.get(0).accuracy());
    }

    @Test
    void theParameterCountIsTheModelsAndStopEndsTheRun() {
        GrokkingTraining job = new GrokkingTraining(SMALL);
        List<StepEvent> events = new ArrayList<>();

        long steps = job.run(e -> {
            events.add(e);
            if (e.step() == 5) {
                job.stop();
            }
        }, p -> { }, new ManualNanoClock());

        assertThat(steps).isEqualTo(5);
        assertThat(job.parameterCount()).isEqualTo((22L * 32 + 32) + (32L * 11 + 11));
    }
}

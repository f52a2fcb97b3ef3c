package io.joulebit.progress.metricfile.tensorboard;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;
import io.joulebit.progress.format.FormatOptions;
import io.joulebit.progress.metricfile.MetricReplay;
import io.joulebit.progress.metricfile.MetricRuns;
import io.joulebit.progress.metricfile.TagOverrides;
import io.joulebit.progress.metricfile.TagSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Runs laid out as the real writers lay them out ({@link WriterShapes}): which series is the loss, and the steps. */
class WriterShapesTest {
    private static final double LN2 = Math.log(2);
    @TempDir Path dir;

    record Replayed(MetricReplay.Stats stats, List<StepEvent> train, List<StepEvent> eval) {
        TagSet tags() { return stats.tags().orElseThrow(); }
        List<Long> trainSteps() { return train.stream().map(StepEvent::step).toList(); }
        List<Long> evalSteps() { return eval.stream().map(StepEvent::step).toList(); }
        double loss(int i) { return train.get(i).lossNats().orElseThrow(); }
    }

    static Replayed replay(Path p, TagOverrides o) throws IOException {
        List<StepEvent> all = new ArrayList<>();
        MetricReplay.Stats s = MetricReplay.run(MetricRuns.layout(p, null).orElseThrow(), FormatOptions.defaults(), o,
                all::add);
        return new Replayed(s, all.stream().filter(e -> e.phase() == Phase.TRAIN).toList(),
                all.stream().filter(e -> e.phase() == Phase.EVAL).toList());
    }

    @Test
    void pytorchTutorialLossTrainAndTestAddScalarsFoldersIgnored() throws IOException {
        Replayed r = replay(WriterShapes.pytorch(dir), TagOverrides.NONE);
        assertThat(r.tags().writer()).isEqualTo("pytorch");
        assertThat(r.trainSteps()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(r.evalSteps()).containsExactly(2L, 5L);
        assertThat(r.loss(3)).isCloseTo(1.7, within(1e-6));
        assertThat(r.stats().files()).isEqualTo(3);
    }

    @Test
    void lightningStepSeriesNotEpochMeansNorHpMetricAcrossFitAndTestFiles() throws IOException {
        Replayed r = replay(WriterShapes.lightning(dir), TagOverrides.NONE);
        assertThat(r.tags().loss()).isEqualTo("train_loss_step");
        assertThat(r.tags().writer()).isEqualTo("lightning");
        assertThat(r.trainSteps()).containsExactly(49L, 99L, 149L, 199L, 249L, 299L);
        assertThat(r.evalSteps()).containsExactly(149L, 299L);
        assertThat(r.eval.get(1).lossNats().orElseThrow()).isCloseTo(2.4, within(1e-6));
        assertThat(r.stats().files()).isEqualTo(2);
    }

    @Test
    void hfTrainerTrainLossWithTokensEvalApartEndOfRunMeanLeftOut() throws IOException {
        Replayed r = replay(WriterShapes.hfTrainer(dir), TagOverrides.NONE);
        assertThat(r.tags().describe()).contains("writer=hf-trainer", "loss_tag=\"train/loss\"",
                "eval_tag=\"eval/loss\"", "tokens_tag=\"train/num_input_tokens_seen\"", "step_axis=global_step");
        assertThat(r.trainSteps()).containsExactly(10L, 20L, 30L, 40L);
        assertThat(r.train).extracting(e -> e.tokens().orElseThrow()).containsExactly(40960L, 81920L, 122880L,
                163840L);
        assertThat(r.train.get(0).learningRate().orElseThrow()).isCloseTo(5e-5, within(1e-9));
        assertThat(r.evalSteps()).containsExactly(20L, 40L);
        assertThat(r.eval.get(0).tokens().orElseThrow()).isEqualTo(81920L);
        assertThat(r.train).noneMatch(e -> Math.abs(e.lossNats().orElseThrow() - 2.15) < 1e-6);
        assertThat(r.stats().tokenOrigin()).isEqualTo("log");
    }

    @Test
    void kerasTensorSummariesTrainAndValidationFoldersEpochAxis() throws IOException {
        Replayed r = replay(WriterShapes.keras(dir), TagOverrides.NONE);
        assertThat(r.tags().writer()).isEqualTo("keras");
        assertThat(r.tags().loss()).isEqualTo("train/epoch_loss");
        assertThat(r.tags().eval()).isEqualTo("validation/epoch_loss");
        assertThat(r.tags().stepAxis()).isEqualTo("epoch");
        assertThat(r.trainSteps()).containsExactly(0L, 1L, 2L);
        assertThat(r.evalSteps()).containsExactly(0L, 1L, 2L);       // not the vs_iterations copy at 100, 200, 300
        assertThat(r.loss(1)).isCloseTo(1.2, within(1e-6));
        assertThat(r.stats().files()).isEqualTo(3);                    // the profile-empty header-only file too
        assertThat(r.stats().corrupt()).isZero();
    }

    @Test
    void fairseqBitsBecomeNatsInnerTrainNotEpochMeans() throws IOException {
        Replayed r = replay(WriterShapes.fairseq(dir), TagOverrides.NONE);
        assertThat(r.tags().describe()).contains("writer=fairseq", "unit=bits", "step_axis=num_updates");
        assertThat(r.trainSteps()).containsExactly(100L, 200L, 300L, 400L);
        assertThat(r.loss(0)).isCloseTo(8.0 * LN2, within(1e-6));
        assertThat(r.evalSteps()).containsExactly(200L, 400L);
        assertThat(r.eval.get(0).lossNats().orElseThrow()).isCloseTo(6.5 * LN2, within(1e-6));
    }

    @Test
    void megatronIterationAxisNotTheSamplesCopy() throws IOException {
        Replayed r = replay(WriterShapes.megatron(dir), TagOverrides.NONE);
        assertThat(r.tags().writer()).isEqualTo("megatron");
        assertThat(r.trainSteps()).containsExactly(10L, 20L, 30L);
        assertThat(r.evalSteps()).containsExactly(30L);
        assertThat(r.stats().repeated()).isZero();
    }

    @Test
    void overridesNameAnAddScalarsSeries() throws IOException {
        Replayed r = replay(WriterShapes.pytorch(dir), new TagOverrides("Accuracy_train/Accuracy",
                "Accuracy_test/Accuracy", null));
        assertThat(r.tags().writer()).isEqualTo("configured");
        assertThat(r.trainSteps()).containsExactly(2L, 5L);
        assertThat(r.evalSteps()).containsExactly(2L, 5L);
        Replayed evalOnly = replay(WriterShapes.hfTrainer(dir.resolve("b")), new TagOverrides(null, "eval/runtime",
                null));
        assertThat(evalOnly.tags().writer()).isEqualTo("hf-trainer");
        assertThat(evalOnly.eval.get(0).lossNats().orElseThrow()).isCloseTo(3.2, within(1e-6));
    }

    @Test
    void restartedWriterRepeatingStepsIsNotCountedTwiceAndAStrayTextFileIsSkipped() throws IOException {
        Path run = dir.resolve("run");
        EventWriter a = new EventWriter(WriterShapes.file(run, 1765000000L, ".1.0")).header(1765000000);
        for (int s = 1; s <= 5; s++) a.scalar("train/loss", s, 3f - s * 0.1f, 1765000000 + s);
        EventWriter b = new EventWriter(WriterShapes.file(run, 1765000100L, ".2.0")).header(1765000100);
        for (int s = 4; s <= 7; s++) b.scalar("train/loss", s, 3f - s * 0.1f, 1765000100 + s);   // resumed from 3
        Files.writeString(WriterShapes.file(run, 1765000200L, ".3.0"), "this is a text log, not records\n");
        Replayed r = replay(run, TagOverrides.NONE);
        assertThat(r.trainSteps()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(r.stats().repeated()).isEqualTo(2);
        assertThat(r.stats().refused()).singleElement().asString().contains("not a TensorBoard event file");
    }

    @Test
    void float64AndFloatValTensorsAndSimpleValuesReadAlike() throws IOException {
        Path f = WriterShapes.file(dir, 1, ".0");
        new EventWriter(f).header(1).tensorScalar("loss", 1, 2.5f, 2, false).doubleScalar("loss", 2, 2.25, 3)
                .tensorScalar("loss", 3, 2.125f, 4, true).scalar("loss", 4, 2f, 5);
        Replayed r = replay(f, TagOverrides.NONE);
        assertThat(r.train).extracting(e -> e.lossNats().orElseThrow()).containsExactly(2.5, 2.25, 2.125, 2.0);
        assertThat(ScalarValues.half(0x3c00)).isEqualTo(1.0);
        assertThat(ScalarValues.half(0xc000)).isEqualTo(-2.0);
        assertThat(ScalarValues.bf16(0x3fc0)).isEqualTo(1.5);
    }
}

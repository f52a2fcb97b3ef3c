package io.joulebit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.joulebit.cli.ReplayLogCommand;
import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;
import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;
import io.joulebit.thermo.Flag;
import io.joulebit.thermo.PrequentialCurve;
import io.joulebit.time.ManualNanoClock;
import io.joulebit.time.NanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Structural information through the accountant (PHYSICS.md §2): the test vector, a resume that continues the sum,
 * and the identity I_preq + S = (D_t − D_0)(H − L̄_t) on every snapshot of replayed corpus logs.
 */
class StructuralIdentityTest {
    private static final InstantSource WALL = InstantSource.fixed(Instant.parse("2026-12-06T04:00:00Z"));
    private static final long[] D = {0, 1000, 2000, 3000};
    private static final double[] L_BITS = {10, 8, 6, 5};

    /** No smoothing (L̄_t = L_t = 5), H = first loss = 10: the vector's S = 6500, I_preq = 8500, E/S = 13 J / 6500. */
    private static RunSettings unsmoothed() {
        RunSettings d = RunSettings.defaults("structural");
        return new RunSettings(d.runId(), Map.of(), OptionalLong.empty(), 16, d.modelTerm(), null, 1, 0, 1, 300,
                false, 300, null, d.optimizer(), 0, 32, Duration.ofSeconds(10));
    }

    private static StepEvent point(int k) {
        return StepEvent.train(k, L_BITS[k] * Math.log(2)).withTokens(D[k]);
    }

    private static void thirteenJoules(RunAccountant acc) {
        acc.onPower(PowerSample.of("gpu0", DeviceKind.GPU, "nvidia-smi", 0, 13));
        acc.onPower(PowerSample.of("gpu0", DeviceKind.GPU, "nvidia-smi", 1_000_000_000L, 13));
    }

    @Test
    void physicsTestVectorThroughTheAccountant() {
        RunAccountant acc = new RunAccountant(unsmoothed(), new ManualNanoClock(), WALL);
        thirteenJoules(acc);
        for (int k = 0; k < D.length; k++) acc.onStep(point(k));
        RunSnapshot s = acc.publish();
        assertThat(s.figures().structuralInformationBits().value()).isCloseTo(6500, within(1e-9));
        assertThat(s.figures().prequentialInformationBits().value()).isCloseTo(8500, within(1e-9));
        assertThat(s.figures().energyPerStructuralBitJoules().value()).isCloseTo(0.002, within(1e-15));
        assertThat(s.progress().curve().orElseThrow().windowTokens()).isEqualTo(3000);
        assertThat(s.flags()).doesNotContain(Flag.NONPOSITIVE_STRUCTURAL_BITS, Flag.NO_LOSS_CURVE);
    }

    @Test
    void aResumedRunContinuesTheSumFromItsStoredCurve() {
        RunAccountant first = new RunAccountant(unsmoothed(), new ManualNanoClock(), WALL);
        first.onStep(point(0));
        first.onStep(point(1));
        RunSnapshot before = first.publish();
        PrequentialCurve stored = before.progress().curve().orElseThrow();

        RunAccountant second = new RunAccountant(unsmoothed(), new ManualNanoClock(), WALL);
        thirteenJoules(second);
        second.restoreProgress(before.progress().trainSteps(), before.progress().lastStep(),
                before.progress().tokens(), before.progress().smoothedLossBits(), before.figures().baselineBits().value(),
                Optional.of(stored));
        second.onStep(point(2));
        second.onStep(point(3));
        RunSnapshot s = second.publish();
        assertThat(s.figures().structuralInformationBits().value()).isCloseTo(6500, within(1e-9));
        assertThat(s.figures().prequentialInformationBits().value()).isCloseTo(8500, within(1e-9));
        assertThat(s.progress().curve().orElseThrow().resumes()).isEqualTo(1);
        assertThat(s.progress().curve().orElseThrow().firstTokens()).isZero();
    }

    @Test
    void beforeAnyPointTheFiguresAreAbsentWithAFlag() {
        RunAccountant acc = new RunAccountant(unsmoothed(), new ManualNanoClock(), WALL);
        acc.onStep(StepEvent.train(1, 7.0)); // a loss but no tokens: no point of the curve
        RunSnapshot s = acc.publish();
        assertThat(s.figures().structuralInformationBits().reason()).isEqualTo(Flag.NO_LOSS_CURVE);
        assertThat(s.flags()).contains(Flag.NO_LOSS_CURVE);
        acc.onStep(point(0).withTokens(10));
        s = acc.publish();
        assertThat(s.figures().structuralInformationBits().value()).isZero();
        assertThat(s.figures().energyPerStructuralBitJoules().present()).isFalse();
    }

    /** Every corpus log with tokens, replayed event by event: the identity on every snapshot, S recomputed apart. */
    @ParameterizedTest
    @CsvSource({"hf-trainer/train.log,", "olmo/train.log,", "jsonl/metrics.jsonl,", "csv/metrics.csv,",
            "megatron/deepspeed.log,", "megatron/train.log,--seq-len=2048", "nanogpt/train.log,--tokens-per-step=4096",
            "llm-c/stdout.log,--tokens-per-step=524288"})
    void identityOnEverySnapshotOfAReplayedLog(String sample, String option) throws Exception {
        List<JsonNode> events = replay("src/test/resources/logs/" + sample, option);
        ManualNanoClock clock = new ManualNanoClock();
        RunAccountant acc = new RunAccountant(RunSettings.defaults("corpus"), clock, WALL);
        double area = 0;
        long d0 = -1;
        long dPrev = -1;
        double lPrev = Double.NaN;
        int checked = 0;
        for (JsonNode e : events) {
            clock.advance(Duration.ofSeconds(1));
            acc.onPower(PowerSample.of("gpu0", DeviceKind.GPU, "nvidia-smi", clock.nanoTime(), 300));
            StepEvent ev = event(e, clock.nanoTime());
            acc.onStep(ev);
            if (ev.phase() == Phase.TRAIN && ev.tokens().isPresent()
                    && ev.lossNats().isPresent()) {  // the corpus logs are clean: every such event is a point
                double l = ev.lossNats().getAsDouble() / Math.log(2);
                long d = ev.tokens().getAsLong();
                if (d0 < 0) d0 = d; else area += (d - dPrev) * (l + lPrev) / 2;
                dPrev = d;
                lPrev = l;
            }
            RunSnapshot s = acc.publish();
            var f = s.figures();
            if (!f.structuralInformationBits().present()) {
                assertThat(f.structuralInformationBits().reason()).isEqualTo(Flag.NO_LOSS_CURVE);
                assertThat(s.flags()).contains(Flag.NO_LOSS_CURVE);
                continue;
            }
            PrequentialCurve c = s.progress().curve().orElseThrow();
            double w = c.windowTokens();
            double h = f.baselineBits().value();
            double lbar = f.lossBits().value();
            double sBits = f.structuralInformationBits().value();
            double pBits = f.prequentialInformationBits().value();
            double scale = Math.max(1, w * Math.max(h, lbar));
            assertThat(pBits + sBits).as(sample + " identity").isCloseTo(w * (h - lbar), within(1e-12 * scale));
            assertThat(c.firstTokens()).isEqualTo(d0);
            assertThat(sBits).as(sample + " S by hand").isCloseTo(area - (dPrev - d0) * lbar, within(1e-9 * scale));
            if (sBits > 0) {
                assertThat(f.energyPerStructuralBitJoules().value())
                        .isCloseTo(f.energyJoules().value() / sBits, within(1e-12 * f.energyJoules().value() / sBits));
            } else {
                assertThat(f.energyPerStructuralBitJoules().reason()).isIn(Flag.NONPOSITIVE_STRUCTURAL_BITS,
                        Flag.NO_ENERGY);
            }
            checked++;
        }
        assertThat(checked).as(sample + " snapshots with S").isGreaterThanOrEqualTo(2);
        RunSnapshot last = acc.latest();
        assertThat(summaryValue(sample, option, "structural_information_bits"))
                .as("replay-log's summary agrees with the accountant")
                .isCloseTo(last.figures().structuralInformationBits().value(),
                        within(1e-9 * Math.max(1, Math.abs(last.figures().structuralInformationBits().value()))));
    }

    private static StepEvent event(JsonNode e, long mono) {
        StepEvent ev = new StepEvent(e.get("step").asLong(),
                e.get("loss_nats").isNumber() ? OptionalDouble.of(e.get("loss_nats").asDouble())
                        : OptionalDouble.empty(),
                e.get("tokens").isNumber() ? OptionalLong.of(e.get("tokens").asLong()) : OptionalLong.empty(),
                OptionalDouble.empty(), OptionalLong.empty(), mono,
                "eval".equals(e.get("phase").asText()) ? Phase.EVAL
                        : Phase.TRAIN);
        return ev;
    }

    private static String[] args(String file, String option) {
        return option == null ? new String[]{file} : new String[]{file, option};
    }

    private static List<JsonNode> replay(String file, String option) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = (new ReplayLogCommand(out, new PrintStream(new ByteArrayOutputStream()),
                NanoClock.SYSTEM)).execute(args(file, option));
        assertThat(code).isZero();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) events.add(json.readTree(line));
        }
        return events;
    }

    private static double summaryValue(String sample, String option, String key) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = (new ReplayLogCommand(new ByteArrayOutputStream(), new PrintStream(err, true,
                StandardCharsets.UTF_8), NanoClock.SYSTEM))
                .execute(args("src/test/resources/logs/" + sample, option));
        assertThat(code).isZero();
        Matcher m = Pattern.compile(key + "=(\\S+)").matcher(err.toString(StandardCharsets.UTF_8));
        assertThat(m.find()).as(key + " in " + err).isTrue();
        return Double.parseDouble(m.group(1));
    }
}

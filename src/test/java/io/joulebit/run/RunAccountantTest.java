package io.joulebit.run;

import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;
import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;
import io.joulebit.thermo.Flag;
import io.joulebit.time.ManualNanoClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

class RunAccountantTest {
    private final ManualNanoClock clock = new ManualNanoClock();
    private final InstantSource wall = InstantSource.fixed(Instant.parse("2026-11-22T08:00:00Z"));

    private static RunSettings unsmoothed() {
        RunSettings d = RunSettings.defaults("vector-c");
        return new RunSettings(d.runId(), Map.of("node", "n1"), OptionalLong.of(124_000_000L), 16, d.modelTerm(),
                null, 1, 0, 1, 300, false, 300, 400.0, d.optimizer(), 0, 32, Duration.ofSeconds(10));
    }

    private static StepEvent step(long step, long tokens, double lossNats, double tSeconds) {
        return StepEvent.train(step, lossNats).withTokens(tokens).withMonoNanos((long) (tSeconds * 1e9));
    }

    @Test
    void physicsVectorC_throughTheAccountant() {
        RunAccountant acc = new RunAccountant(unsmoothed(), clock, wall);
        double[][] pts = {{0, 0, 10.8}, {600, 3e8, 5.0}, {1200, 6e8, 4.0}, {1800, 9e8, 3.6}, {2400, 1.2e9, 3.35}};
        int next = 0;
        for (int t = 0; t <= 2400; t += 10) {
            acc.onPower(PowerSample.of("gpu0", DeviceKind.GPU, "nvidia-smi", t * 1_000_000_000L, 2000));
            if (next < pts.length && pts[next][0] == t) {
                acc.onStep(step(next, (long) pts[next][1], pts[next][2], t));
                next++;
            }
        }
        clock.set(2400_000_000_000L);
        RunSnapshot s = acc.publish();
        var f = s.figures();
        // PHYSICS.md §9 C, given to 4 significant digits.
        assertThat(f.netInformationBits().value()).isCloseTo(1.290e10, withPercentage(0.05));
        assertThat(f.energyJoules().value()).isCloseTo(4.8e6, within(1e-6));
        assertThat(f.energyPerBitJoules().value()).isCloseTo(3.722e-4, withPercentage(0.02));
        assertThat(f.landauerEfficiencyRatio().value()).isCloseTo(7.714e-18, withPercentage(0.02));
        assertThat(s.fluxTotalBitsPerSecond().value()).isCloseTo(5.915e6, withPercentage(0.02));
        assertThat(s.fluxThroughputBitsPerSecond().value()).isCloseTo(5.284e6, withPercentage(0.02));
        assertThat(f.entropyProductionWattsPerKelvin().value()).isCloseTo(6.667, withPercentage(0.01));
        assertThat(s.baselineMethod()).isEqualTo("initial-loss");
        assertThat(s.progress().trainSteps()).isEqualTo(5);
        assertThat(s.carbonGrams().value()).isCloseTo(4.8e6 / 3.6e6 * 400, within(1e-9));
        assertThat(s.devices()).singleElement().extracting(DeviceReading::quality).isEqualTo(EnergyQuality.INTEGRATED);
    }

    @Test
    void evalStepsNeverEnterTheTrainingCurve() {
        RunAccountant acc = new RunAccountant(unsmoothed(), clock, wall);
        acc.onStep(step(1, 1000, 10.0, 1));
        acc.onStep(new StepEvent(1, OptionalDouble.of(0.5), OptionalLong.of(999_999), OptionalDouble.empty(),
                OptionalLong.empty(), 2_000_000_000L, Phase.EVAL));
        RunSnapshot s = acc.publish();
        assertThat(s.progress().trainSteps()).isEqualTo(1);
        assertThat(s.progress().tokens()).hasValue(1000);
        assertThat(s.progress().evalLossBits()).isCloseTo(0.5 / Math.log(2), within(1e-12));
        assertThat(s.figures().lossBits().value()).isCloseTo(10.0 / Math.log(2), within(1e-12));
    }

    @Test
    void nanLossesAreDroppedCountedAndFiveInARowIsDiverged() {
        RunAccountant acc = new RunAccountant(unsmoothed(), clock, wall);
        acc.onStep(step(1, 100, 5.0, 1));
        for (int i = 2; i <= 6; i++) acc.onStep(step(i, 100L * i, i % 2 == 0 ? Double.NaN : Double.POSITIVE_INFINITY, i));
        RunSnapshot s = acc.publish();
        assertThat(s.progress().nonFiniteLosses()).isEqualTo(5);
        assertThat(s.flags()).contains(Flag.DIVERGED);
        assertThat(s.figures().lossBits().value()).isCloseTo(5.0 / Math.log(2), within(1e-12));
    }

    @Test
    void withoutTokensOrEnergyTheFiguresAreAbsentWithReasons() {
        RunAccountant acc = new RunAccountant(unsmoothed(), clock, wall);
        acc.onStep(StepEvent.train(1, 4.0));
        RunSnapshot s = acc.publish();
        assertThat(s.figures().netInformationBits().present()).isFalse();
        assertThat(s.figures().energyPerBitJoules().present()).isFalse();
        assertThat(s.flags()).contains(Flag.NO_TOKENS, Flag.NO_ENERGY);
        assertThat(s.progress().tokens()).isEmpty();
    }

    @Test
    void decreasingTokenCountsAreNotedAndNeverFollowed() {
        RunAccountant acc = new RunAccountant(unsmoothed(), clock, wall);
        acc.onStep(step(1, 5000, 5.0, 1));
        acc.onStep(step(2, 100, 4.9, 2));
        RunSnapshot s = acc.publish();
        assertThat(s.progress().tokens()).hasValue(5000);
        assertThat(s.progress().tokensDecreased()).isEqualTo(1);
    }

    @Test
    void aLogReadAgainFromTheTopCountsNoStepTwice() {
        RunAccountant acc = new RunAccountant(unsmoothed(), clock, wall);
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 1; i <= 3; i++) acc.onStep(step(i, i * 100L, 5.0 - i * 0.1, i));
        }
        acc.onStep(step(4, 400, 4.5, 4));
        RunSnapshot s = acc.publish();
        assertThat(s.progress().trainSteps()).isEqualTo(4);
        assertThat(s.progress().stepsReplayed()).isEqualTo(3);
        assertThat(s.progress().tokens()).hasValue(400);
    }

    @Test
    void aBogusHugeStepDoesNotFreezeARunThatStillReportsTokens() {
        RunAccountant acc = new RunAccountant(unsmoothed(), clock, wall);
        acc.onStep(step(1, 100, 5.0, 1));
        acc.onStep(step(8_000_000_000_000_000_000L, 200, 4.9, 2));
        acc.onStep(step(3, 300, 4.8, 3));
        acc.onStep(step(4, 400, 4.7, 4));
        RunSnapshot s = acc.publish();
        assertThat(s.progress().trainSteps()).isEqualTo(4);
        assertThat(s.progress().tokens()).hasValue(400);
        assertThat(s.progress().stepsReplayed()).isZero();
    }

    @Test
    void snapshotsAreImmutableAndSequenced() {
        RunAccountant acc = new RunAccountant(unsmoothed(), clock, wall);
        RunSnapshot a = acc.publish();
        acc.onPower(PowerSample.of("cpu", DeviceKind.CPU, "estimate", 0, 10));
        acc.onPower(PowerSample.of("cpu", DeviceKind.CPU, "estimate", 1_000_000_000L, 10));
        RunSnapshot b = acc.publish();
        assertThat(b.sequence()).isGreaterThan(a.sequence());
        assertThat(a.devices()).isEmpty();
        assertThat(b.itEnergyJoules()).isCloseTo(10, within(1e-12));
        assertThat(acc.latest()).isSameAs(b);
    }
}

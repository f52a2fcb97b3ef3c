package io.joulebit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import java.time.Duration;

class EnergyLedgerTest {
    private static final double[] T = {0, 0.5, 1.7, 2.0, 4.5, 5.0, 7.25};
    private static final double[] P = {250, 310, 298.5, 400, 405, 120, 310};

    private static PowerSample watts(String dev, double tSeconds, double w) {
        return PowerSample.of(dev, DeviceKind.GPU, "nvidia-smi", (long) Math.round(tSeconds * 1e9), w);
    }

    private static PowerSample counter(String dev, double tSeconds, double joules) {
        return PowerSample.of(dev, DeviceKind.GPU, "nvml", (long) Math.round(tSeconds * 1e9), Double.NaN)
                .withEnergyJoules(joules);
    }

    @Test
    void physicsVectorD_trapezoidOverWatts() {
        EnergyLedger ledger = new EnergyLedger();
        for (int i = 0; i < T.length; i++) ledger.accept(watts("gpu0", T[i], P[i]));
        assertThat(ledger.totalJoules()).isCloseTo(2231.125, within(1e-9));
        DeviceReading r = ledger.readings().get(0);
        assertThat(r.quality()).isEqualTo(EnergyQuality.INTEGRATED);
        assertThat(r.uncoveredSeconds()).isZero();
        assertThat(r.watts()).isEqualTo(310);
    }

    @Test
    void physicsVectorD_nanSampleIsDroppedAndIntegratedAcross() {
        EnergyLedger ledger = new EnergyLedger();
        for (int i = 0; i < T.length; i++) ledger.accept(watts("gpu0", T[i], i == 3 ? Double.NaN : P[i]));
        assertThat(ledger.totalJoules()).isCloseTo(2105.0, within(1e-9)).isNotCloseTo(2059.05, within(1.0));
    }

    @Test
    void negativeWattsAreDroppedLikeNaN() {
        EnergyLedger ledger = new EnergyLedger();
        ledger.accept(watts("gpu0", 0, 100));
        ledger.accept(watts("gpu0", 1, -5));
        ledger.accept(watts("gpu0", 2, 100));
        assertThat(ledger.totalJoules()).isCloseTo(200, within(1e-12));
    }

    @Test
    void gapLongerThanMaxGapIsUncoveredNotInvented() {
        EnergyLedger ledger = new EnergyLedger(Duration.ofSeconds(10));
        ledger.accept(watts("gpu0", 0, 100));
        ledger.accept(watts("gpu0", 1, 100));
        ledger.accept(watts("gpu0", 31, 100));
        ledger.accept(watts("gpu0", 32, 100));
        assertThat(ledger.totalJoules()).isCloseTo(200, within(1e-12));
        assertThat(ledger.readings().get(0).uncoveredSeconds()).isCloseTo(30, within(1e-12));
    }

    @Test
    void counterDeltasAreSummedAndPreferred() {
        EnergyLedger ledger = new EnergyLedger();
        ledger.accept(counter("gpu0", 0, 1_000_000));
        ledger.accept(counter("gpu0", 1, 1_000_300));
        ledger.accept(counter("gpu0", 2, 1_000_650));
        assertThat(ledger.totalJoules()).isCloseTo(650, within(1e-9));
        assertThat(ledger.readings().get(0).quality()).isEqualTo(EnergyQuality.COUNTER);
    }

    @Test
    void counterWrapUsesTheRangeAndNeverGoesBackwards() {
        EnergyLedger ledger = new EnergyLedger();
        double range = 262_143.328850;
        ledger.accept(counter("cpu0", 0, range - 50).withEnergyRangeJoules(range));
        ledger.accept(counter("cpu0", 1, 30).withEnergyRangeJoules(range));
        assertThat(ledger.totalJoules()).isCloseTo(80, within(1e-6));
    }

    @Test
    void counterResetLosesOnlyThatIntervalAndRebaselines() {
        EnergyLedger ledger = new EnergyLedger();
        ledger.accept(counter("gpu0", 0, 5000));
        ledger.accept(counter("gpu0", 1, 5300));
        ledger.accept(counter("gpu0", 2, 10)); // driver reload
        ledger.accept(counter("gpu0", 3, 310));
        DeviceReading r = ledger.readings().get(0);
        assertThat(r.energyJoules()).isCloseTo(600, within(1e-9));
        assertThat(r.counterResets()).isEqualTo(1);
        assertThat(r.uncoveredSeconds()).isCloseTo(1, within(1e-12));
    }

    @Test
    void staleOrDuplicateReadingsAreIgnored() {
        EnergyLedger ledger = new EnergyLedger();
        ledger.accept(watts("gpu0", 1, 100));
        ledger.accept(watts("gpu0", 2, 100));
        ledger.accept(watts("gpu0", 2, 900));
        ledger.accept(watts("gpu0", 1.5, 900));
        assertThat(ledger.totalJoules()).isCloseTo(100, within(1e-12));
    }

    @Test
    void devicesAreKeptApartWithTheirSourceAndQuality() {
        EnergyLedger ledger = new EnergyLedger();
        ledger.accept(PowerSample.of("cpu", DeviceKind.CPU, "estimate", 0, 50));
        ledger.accept(PowerSample.of("cpu", DeviceKind.CPU, "estimate", 2_000_000_000L, 70));
        ledger.accept(watts("gpu0", 0, 300));
        ledger.accept(watts("gpu0", 2, 300));
        assertThat(ledger.readings()).extracting(DeviceReading::device, DeviceReading::quality)
                .containsExactly(Tuple.tuple("cpu", EnergyQuality.ESTIMATED),
                        Tuple.tuple("gpu0", EnergyQuality.INTEGRATED));
        assertThat(ledger.totalJoules()).isCloseTo(720, within(1e-9));
    }

    @Test
    void splittingATraceAnywhereLeavesEnergyUnchanged() {
        for (int split = 1; split < T.length - 1; split++) {
            EnergyLedger a = new EnergyLedger();
            EnergyLedger b = new EnergyLedger();
            for (int i = 0; i <= split; i++) a.accept(watts("gpu0", T[i], P[i]));
            for (int i = split; i < T.length; i++) b.accept(watts("gpu0", T[i], P[i]));
            assertThat(a.totalJoules() + b.totalJoules()).isCloseTo(2231.125, within(1e-9));
        }
    }
}

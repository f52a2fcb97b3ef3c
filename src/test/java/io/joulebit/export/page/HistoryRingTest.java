package io.joulebit.export.page;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The chart ring: one bucket per second at first, bounded memory on any run length, honest merges. */
class HistoryRingTest {
    private static final double T0 = 1_765_000_000;

    private static double[] row(double energy, double loss, double flux) {
        double[] r = Series.row();
        r[Series.ENERGY_JOULES.ordinal()] = energy;
        r[Series.LOSS_BITS.ordinal()] = loss;
        r[Series.NEGENTROPY_FLUX_BITS_PER_SECOND.ordinal()] = flux;
        return r;
    }

    private static Map<String, Double> gpus(int n, double watts) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) m.put("gpu" + i, watts + i);
        return m;
    }

    @Test
    void publicationsWithinASecondShareOnePoint() {
        HistoryRing ring = HistoryRing.defaults();
        ring.record(T0 + 0.1, row(100, 8, 10), gpus(2, 300));
        ring.record(T0 + 0.6, row(150, 7, 30), gpus(2, 500));
        ring.record(T0 + 1.2, row(200, Double.NaN, Double.NaN), Map.of("gpu0", Double.NaN));
        var v = ring.since(Double.NaN);
        assertThat(v.points()).hasSize(2);
        var first = v.points().get(0);
        assertThat(first.t()).isEqualTo(T0 + 0.6);
        assertThat(first.value(Series.ENERGY_JOULES)).as("totals keep the latest").isEqualTo(150);
        assertThat(first.value(Series.LOSS_BITS)).isEqualTo(7);
        assertThat(first.value(Series.NEGENTROPY_FLUX_BITS_PER_SECOND)).as("rates average").isEqualTo(20);
        assertThat(first.watts(0)).isEqualTo(400);
        var second = v.points().get(1);
        assertThat(second.value(Series.LOSS_BITS)).as("absent is not zero").isNaN();
        assertThat(second.watts(0)).isNaN();
        assertThat(v.devices()).containsExactly("gpu0", "gpu1");
    }

    @Test
    void sinceReturnsOnlyLaterPoints() {
        HistoryRing ring = HistoryRing.defaults();
        for (int s = 0; s < 10; s++) ring.record(T0 + s, row(s, 1, 1), Map.of());
        assertThat(ring.since(T0 + 6.5).points()).extracting(HistoryRing.Point::t).containsExactly(T0 + 7, T0 + 8, T0 + 9);
        assertThat(ring.since(T0 + 100).points()).isEmpty();
    }

    /** The documented bound: capacity points whatever the run's length, the window covered, 16 s at 6 h. */
    @Test
    void aDayAtOnePointPerSecondStaysWithinCapacityAndWindow() {
        HistoryRing ring = HistoryRing.defaults();
        int maxSize = 0;
        double energy = 0;
        for (int s = 0; s <= 24 * 3600; s++) {
            energy += 5000;
            ring.record(T0 + s, row(energy, 3, 100), gpus(16, 600));
            maxSize = Math.max(maxSize, ring.size());
        }
        assertThat(maxSize).isLessThanOrEqualTo(HistoryRing.DEFAULT_CAPACITY);
        var v = ring.since(Double.NaN);
        double newest = v.points().get(v.points().size() - 1).t();
        assertThat(newest).isEqualTo(T0 + 24 * 3600);
        assertThat(v.points().get(0).t()).isGreaterThanOrEqualTo(newest - HistoryRing.DEFAULT_WINDOW_SECONDS)
                .isLessThan(newest - HistoryRing.DEFAULT_WINDOW_SECONDS + 2 * v.resolutionSeconds());
        assertThat(v.resolutionSeconds()).isEqualTo(16);
        assertThat(v.points()).hasSizeBetween(1300, HistoryRing.DEFAULT_CAPACITY);
        // Merged buckets: the latest total survives, the mean of the watts is the mean of what was recorded.
        assertThat(v.points().get(v.points().size() - 1).value(Series.ENERGY_JOULES)).isEqualTo(energy);
        assertThat(v.points().get(100).watts(3)).isCloseTo(603, within(1e-9));
        for (int i = 1; i < v.points().size(); i++) {
            assertThat(v.points().get(i).t()).isGreaterThan(v.points().get(i - 1).t());
        }
    }

    @Test
    void devicesBeyondTheLimitAreCountedNotCharted() {
        HistoryRing ring = HistoryRing.defaults();
        ring.record(T0, row(1, 1, 1), gpus(HistoryRing.MAX_DEVICES + 3, 100));
        assertThat(ring.since(Double.NaN).devices()).hasSize(HistoryRing.MAX_DEVICES);
        assertThat(ring.devicesRefused()).isEqualTo(3);
    }

    @Test
    void aWallClockStepBackJoinsTheNewestPoint() {
        HistoryRing ring = HistoryRing.defaults();
        ring.record(T0 + 10, row(10, 5, 1), Map.of());
        ring.record(T0 + 3, row(11, 4, 1), Map.of());
        var v = ring.since(Double.NaN);
        assertThat(v.points()).hasSize(1);
        assertThat(v.points().get(0).t()).isEqualTo(T0 + 10);
        assertThat(v.points().get(0).value(Series.ENERGY_JOULES)).isEqualTo(11);
    }
}

package io.joulebit.thermo;

import static io.joulebit.thermo.Rounded.assertRoundsTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.joulebit.thermo.EffectiveTemperature.Optimizer;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Optional;

/** Vector E (window in nats) and the null rules of PHYSICS.md §6. */
class HeatCapacityTest {
    private static final double[] WINDOW = {3.412, 3.398, 3.421, 3.385, 3.377, 3.402, 3.366, 3.371};

    private static HeatCapacity feed(HeatCapacityWindow w, double[] loss, double[] lr, long firstStep) {
        Optional<HeatCapacity> out = Optional.empty();
        for (int i = 0; i < loss.length; i++) {
            out = w.add(firstStep + 10L * i, loss[i], lr[i], 512);
        }
        return out.orElseThrow();
    }

    private static double[] constant(double v) {
        double[] a = new double[WINDOW.length];
        Arrays.fill(a, v);
        return a;
    }

    @Test
    void vectorE_sgdAndAdam() {
        HeatCapacity sgd = feed(new HeatCapacityWindow(8, Optimizer.SGD, 0), WINDOW, constant(3e-4), 100);
        assertRoundsTo(sgd.residualVariance().value(), "2.009e-4");
        assertRoundsTo(sgd.effectiveTemperature().value(), String.valueOf(3e-4 / 512));
        assertRoundsTo(sgd.heatCapacity().value(), "5.853e8");
        HeatCapacity adam = feed(new HeatCapacityWindow(8, Optimizer.ADAM, 0), WINDOW, constant(3e-4), 100);
        assertRoundsTo(adam.heatCapacity().value(), "1.143e6");
        assertThat(adam.firstStep()).isEqualTo(100);
        assertThat(adam.lastStep()).isEqualTo(170);
        assertThat(EffectiveTemperature.sgd(3e-4, 512, 0.9).value()).isEqualTo(3e-4 / (512 * (1 - 0.9)));
    }

    @Test
    void windowsTumbleEveryWPoints() {
        HeatCapacityWindow w = new HeatCapacityWindow(8, Optimizer.ADAM, 0);
        feed(w, WINDOW, constant(3e-4), 0);
        HeatCapacity second = feed(w, WINDOW, constant(3e-4), 80);
        assertThat(second.firstStep()).isEqualTo(80);
        assertRoundsTo(second.heatCapacity().value(), "1.143e6");
    }

    @Test
    void nullWhenTooFewValidPointsLrChangesOrTemperatureIsZero() {
        double[] twoNan = WINDOW.clone();
        twoNan[2] = Double.NaN;
        twoNan[5] = Double.POSITIVE_INFINITY; // 6 of 8 valid < 0.8·8
        assertThat(feed(new HeatCapacityWindow(8, Optimizer.SGD, 0), twoNan, constant(3e-4), 0).heatCapacity()
                .reason()).isEqualTo(Flag.TOO_FEW_POINTS);
        double[] oneNan = WINDOW.clone();
        oneNan[2] = Double.NaN; // 7 of 8 valid is enough
        HeatCapacity seven = feed(new HeatCapacityWindow(8, Optimizer.SGD, 0), oneNan, constant(3e-4), 0);
        assertThat(seven.validPoints()).isEqualTo(7);
        assertThat(seven.heatCapacity().present()).isTrue();

        double[] ramp = constant(3e-4);
        ramp[7] = 3e-4 * 1.11;
        assertThat(feed(new HeatCapacityWindow(8, Optimizer.SGD, 0), WINDOW, ramp, 0).heatCapacity().reason())
                .isEqualTo(Flag.LR_CHANGED);
        ramp[7] = 3e-4 * 1.09;
        assertThat(feed(new HeatCapacityWindow(8, Optimizer.SGD, 0), WINDOW, ramp, 0).heatCapacity().present())
                .isTrue();
        HeatCapacity zero = feed(new HeatCapacityWindow(8, Optimizer.SGD, 0), WINDOW, constant(0), 0);
        assertThat(zero.heatCapacity().reason()).isEqualTo(Flag.ZERO_TEMPERATURE);
        assertThat(zero.residualVariance().present()).isTrue();
        assertThat(EffectiveTemperature.adam(Double.NaN, 512).reason()).isEqualTo(Flag.ZERO_TEMPERATURE);
        assertThat(EffectiveTemperature.sgd(1e-3, 0).reason()).isEqualTo(Flag.ZERO_TEMPERATURE);
    }

    @Test
    void aLinearTrendHasNoResidualVariance() {
        double[] line = new double[8];
        for (int i = 0; i < 8; i++) {
            line[i] = 5 - 0.01 * i;
        }
        HeatCapacity h = feed(new HeatCapacityWindow(8, Optimizer.SGD, 0), line, constant(3e-4), 1_000_000);
        assertThat(h.residualVariance().value()).isLessThan(1e-20);
    }
}

package io.joulebit.audit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SvgChartTest {
    @Test
    void axisGoesLogOnlyWhenPositiveValuesSpanDecades() {
        assertThat(ChartAxis.over(List.of(new double[]{1e-18, 3e-16}), true).log).isTrue();
        assertThat(ChartAxis.over(List.of(new double[]{1e-18, 3e-16}), false).log).isFalse();
        assertThat(ChartAxis.over(List.of(new double[]{2, 15}), true).log).isFalse();
        assertThat(ChartAxis.over(List.of(new double[]{-1, 1000}), true).log).isFalse();
        ChartAxis log = ChartAxis.over(List.of(new double[]{3e4, 1e8}), true);
        assertThat(log.ticks()).containsExactly(1e4, 1e5, 1e6, 1e7, 1e8);
        assertThat(log.fraction(1e6)).isEqualTo(0.5);
        assertThat(log.fraction(0)).isNaN();
    }

    @Test
    void linearTicksAreRoundNumbersCoveringTheData() {
        ChartAxis a = ChartAxis.over(List.of(new double[]{3.2, 9.7}), true);
        assertThat(a.min).isLessThanOrEqualTo(3.2);
        assertThat(a.max).isGreaterThanOrEqualTo(9.7);
        assertThat(a.ticks()).containsExactly(2.0, 4.0, 6.0, 8.0, 10.0);
        assertThat(ChartAxis.over(List.of(new double[]{5, 5}), true).ticks()).isNotEmpty();
        assertThat(ChartAxis.over(List.of(new double[]{Double.NaN}), true).max).isEqualTo(1);
    }

    @Test
    void gapsSplitTheLineAndTextIsEscaped() {
        String svg = new SvgChart("a <b> & \"c\"", "x", "y")
                .add(new SvgChart.Series("dev<1>", new double[]{1, 2, 3, 4, 5}, new double[]{1, 2, Double.NaN, 4, 5},
                        false)).render();
        assertThat(svg.split("<polyline", -1)).hasSize(3);
        assertThat(svg).contains("a &lt;b&gt; &amp; &quot;c&quot;", "dev&lt;1&gt;").doesNotContain("<b>", "dev<1>");
    }

    @Test
    void emptyChartSaysSo() {
        String svg = new SvgChart("t", "x", "y").add(new SvgChart.Series("s", new double[0], new double[0], false))
                .render();
        assertThat(svg).contains("no data").doesNotContain("<polyline");
    }

    @Test
    void logThinningKeepsTheEarlyPointsALogAxisSpreadsOut() {
        int n = 10_000;
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) { x[i] = i + 1; y[i] = 1.0 / (i + 1); }
        double[][] t = Thinning.logMeans(x, y, 100);
        assertThat(t[0].length).isLessThanOrEqualTo(100);
        assertThat(t[0][0]).isEqualTo(1.0);
        assertThat(t[1][0]).isEqualTo(1.0);
        double[][] m = Thinning.means(x, y, 100);
        assertThat(m[0]).hasSize(100);
        assertThat(m[0][0]).isEqualTo(50.5);
    }
}

package io.joulebit.demo.grok;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrokkingMeasurementTest {
    /** Smooth decay, then a burst of step-to-step jitter from step 1600 to 1700, validation jumping at 2000. */
    private static GrokkingMeasurement synthetic() {
        GrokkingMeasurement m = new GrokkingMeasurement(1e-3, 100);
        for (int s = 1; s <= 2400; s++) {
            double jitter = s >= 1600 && s < 1700 ? (s % 2 == 0 ? 0.2 : -0.2) : 0;
            m.accept(new GrokkingPoint(s, false, 2.0 * Math.exp(-s / 500.0) + 1e-3 * Math.sin(s) + jitter,
                    s < 300 ? s / 300.0 * 0.9 : 1.0));
            if (s % 2 == 0) {
                m.accept(new GrokkingPoint(s, true, 3.0, s < 2000 ? 0.05 : 0.95));
            }
        }
        return m;
    }

    @Test
    void findsMemorisationTheJumpAndACandidateBeforeIt() {
        GrokkingMeasurement m = synthetic();

        assertThat(m.memorisedStep()).isEqualTo(300);
        assertThat(m.generalisedStep()).isEqualTo(2000);
        HeatProbe agentDefault = m.probes().get(0);
        assertThat(agentDefault.name).isEqualTo("train_w32");
        assertThat(agentDefault.candidates()).isNotEmpty()
                .allSatisfy(s -> assertThat(s).isBetween(1600L, 1760L));
        long first = agentDefault.candidates().get(0);
        assertThat(m.summary().get(0)).contains("lead_steps=" + (2000 - first)).contains("before_jump=1");
        assertThat(m.probes().get(2).candidates()).as("constant eval loss: nothing to flag").isEmpty();
    }

    @Test
    void aRunThatNeverGeneralisesHasNoLead() {
        GrokkingMeasurement m = new GrokkingMeasurement(1e-3, 100);
        for (int s = 1; s <= 100; s++) {
            m.accept(new GrokkingPoint(s, true, 4.0, 0.01));
        }

        assertThat(m.generalisedStep()).isEqualTo(-1);
        assertThat(m.summary()).allSatisfy(line -> assertThat(line).endsWith("lead_steps=-"));
    }

    @Test
    void writesTheSeriesAndAWellFormedChart(@TempDir Path dir) throws Exception {
        GrokkingSeries.write(synthetic(), dir);

        List<String> csv = Files.readAllLines(dir.resolve("series.csv"));
        assertThat(csv.get(0)).isEqualTo("step,train_loss,train_acc,val_loss,val_acc,c_train_w32,c_train_w8,"
                + "c_eval_w8,c_train_log_w8");
        assertThat(csv).hasSize(1 + 2400);
        assertThat(csv.get(2).split(",", -1)).hasSize(9);
        assertThat(csv.get(32).split(",", -1)[5]).as("the W=32 window closes at step 32").isNotEmpty();
        var svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("chart.svg").toFile());
        assertThat(svg.getElementsByTagName("polyline").getLength()).isGreaterThanOrEqualTo(8);
        assertThat(Files.readString(dir.resolve("chart.svg"))).contains("val acc &gt; 90 %", "memorised");
    }
}

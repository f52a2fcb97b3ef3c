package io.joulebit.export;

import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;
import io.joulebit.run.RunAccountant;
import io.joulebit.run.RunSettings;
import io.joulebit.run.RunSnapshot;
import io.joulebit.run.SourceHealth;
import io.joulebit.time.ManualNanoClock;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Our direct text writer must produce exactly client_java's bytes, escaping included. */
class TextExpositionTest {
    private static String clientJava(RunSnapshot s) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExpositionFormats.init().getPrometheusTextFormatWriter().write(out, MetricsRoute.families(s));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String ours(RunSnapshot s) throws Exception {
        return new String(new MetricsRoute(() -> s).handle(new Route.Request("GET", "/metrics", Map.of(),
                new byte[0])).body(), StandardCharsets.UTF_8);
    }

    @Test
    void sameBytesAsClientJavaOnTheGoldenScenarios() throws Exception {
        for (RunSnapshot s : List.of(Scenarios.training(), Scenarios.powerOnly())) {
            assertThat(ours(s)).isEqualTo(clientJava(s));
        }
    }

    @Test
    void sameEscapingOfQuotesBackslashesAndNewlines() throws Exception {
        ManualNanoClock clock = new ManualNanoClock();
        RunSettings d = RunSettings.defaults("we\"ird\\run\nid");
        RunSettings tricky = new RunSettings(d.runId(), Map.of("team", "a\"b\\c\nd", "zone", "é ü"), d.params(),
                d.bitsPerParam(), d.modelTerm(), null, 1, 20, 1, 300, false, 300, null, d.optimizer(), 0, 32,
                d.maxGap());
        RunAccountant acc = new RunAccountant(tricky, clock, InstantSource.fixed(Instant.EPOCH));
        acc.sourcesFrom(() -> List.of(new SourceHealth("x\"y", false, Map.of("re\\ason", 3L), "")));
        acc.onPower(PowerSample.of("gpu\"0", DeviceKind.GPU, "sim\nulated", 0, 100));
        acc.onPower(PowerSample.of("gpu\"0", DeviceKind.GPU, "sim\nulated", 1_000_000_000L, 100));
        RunSnapshot s = acc.publish();
        assertThat(ours(s)).isEqualTo(clientJava(s)).contains("team=\"a\\\"b\\\\c\\nd\"");
    }
}

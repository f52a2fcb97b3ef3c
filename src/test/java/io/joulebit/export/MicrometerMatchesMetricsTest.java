package io.joulebit.export;

import io.joulebit.export.micrometer.RunMeterBinder;
import io.joulebit.run.RunSnapshot;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The binder's families scraped from a PrometheusMeterRegistry are the agent's own /metrics, name for name. */
class MicrometerMatchesMetricsTest {
    static String ownMetrics(RunSnapshot s) throws Exception {
        return new String(new MetricsRoute(() -> s).handle(new Route.Request("GET", "/metrics", Map.of(),
                new byte[0])).body(), StandardCharsets.UTF_8);
    }

    @Test
    void everySeriesTypeAndHelpOfTheGoldenScenariosMatches() throws Exception {
        for (RunSnapshot s : new RunSnapshot[]{Scenarios.training(), Scenarios.powerOnly()}) {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            new RunMeterBinder(() -> s).bindTo(registry);
            Exposition micrometer = Exposition.parse(registry.scrape());
            Exposition own = Exposition.parse(ownMetrics(s));
            assertThat(micrometer.samples()).isEqualTo(own.samples());
            assertThat(micrometer.types()).isEqualTo(own.types());
            assertThat(micrometer.help()).isEqualTo(own.help());
            assertThat(own.samples()).hasSizeGreaterThan(15);
        }
    }

    @Test
    void aFigureAppearsWhenItFirstExistsAndAClearedFlagLeaves() throws Exception {
        AtomicReference<RunSnapshot> latest = new AtomicReference<>(Scenarios.powerOnly());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RunMeterBinder binder = new RunMeterBinder(latest::get);
        binder.bindTo(registry);
        String before = registry.scrape();
        assertThat(before).contains("flag=\"no_tokens\"").doesNotContain("joulebit_run_tokens_total")
                .doesNotContain("joulebit_information_bits{").doesNotContain("NaN");
        latest.set(Scenarios.training());
        binder.refresh();
        Exposition after = Exposition.parse(registry.scrape());
        assertThat(after.samples()).isEqualTo(Exposition.parse(ownMetrics(latest.get())).samples());
        assertThat(after.samples().keySet()).noneMatch(k -> k.contains("no_tokens"));
    }
}

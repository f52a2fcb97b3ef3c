package io.joulebit.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.joulebit.ops.PromtoolPath;
import io.joulebit.run.RunSnapshot;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Golden files are the contract (STYLE.md rule 9): each scenario's scrape is compared with a checked-in file, with
 * wall-clock families dropped. Regenerate with {@code mvn test -DupdateGolden=true} and review the diff.
 */
class ExpositionGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("joulebit.updateGolden");

    static String scrape(RunSnapshot s, String accept) throws IOException {
        MetricsRoute route = new MetricsRoute(() -> s);
        var resp = route.handle(new Route.Request("GET", "/metrics", accept == null ? Map.of() : Map.of("accept", accept),
                new byte[0]));
        assertThat(resp.status()).isEqualTo(200);
        return new String(resp.body(), StandardCharsets.UTF_8);
    }

    /** Drops families whose value is wall-clock time, which no golden file can hold. */
    static String withoutWallClock(String exposition) {
        return exposition.lines().filter(l -> !l.contains("progress_last_event_timestamp_seconds"))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static void check(String name, Supplier<RunSnapshot> scenario, String accept) throws Exception {
        String actual = withoutWallClock(scrape(scenario.get(), accept));
        Path golden = DIR.resolve(name);
        if (UPDATE || !Files.exists(golden)) {
            Files.createDirectories(DIR);
            Files.writeString(golden, actual);
            assertThat(UPDATE).as("golden %s was missing and has been written: review and commit it", golden).isTrue();
        }
        assertThat(actual).as("scrape of %s (regenerate: -DupdateGolden=true)", name)
                .isEqualTo(Files.readString(golden));
        assertThat(actual.lines().filter(l -> !l.startsWith("#")))
                .noneMatch(l -> l.endsWith("NaN") || l.endsWith("Inf") || l.endsWith("+Inf") || l.endsWith("-Inf"));
    }

    @Test
    void trainingRunPrometheusText() throws Exception { check("training.prom", Scenarios::training, null); }

    @Test
    void trainingRunOpenMetrics() throws Exception {
        check("training.om.txt", Scenarios::training, "application/openmetrics-text; version=1.0.0");
    }

    @Test
    void powerOnlyRunShowsNoLearningFigures() throws Exception {
        check("power-only.prom", Scenarios::powerOnly, null);
        String s = scrape(Scenarios.powerOnly(), null);
        assertThat(s).contains("joulebit_device_energy_joules_total").doesNotContain("joulebit_information_bits{")
                .contains("joulebit_run_flag{cluster=\"lab\",flag=\"no_tokens\",run=\"golden-power\"} 1");
    }

    @Test
    void promtoolFindsNothingToLintInTheGoldenFiles() throws Exception {
        for (String name : new String[]{"training.prom", "power-only.prom"}) {
            Process p = new ProcessBuilder(PromtoolPath.get().toString(), "check", "metrics")
                    .redirectInput(DIR.resolve(name).toFile()).redirectErrorStream(true).start();
            boolean done = p.waitFor(60, TimeUnit.SECONDS);
            if (!done) p.destroyForcibly();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(done).isTrue();
            // promtool's only objection may be its data-size lint on the information-bit families whose names
            // ARCHITECTURE.md fixes: these are Shannon bits per token, and converting them to bytes would be wrong.
            assertThat(out.lines()).as("promtool check metrics on " + name).allSatisfy(l -> assertThat(l)
                    .matches("joulebit_(loss_bits|entropy_baseline_bits|information_bits|information_bits_per_parameter"
                            + "|negentropy_flux_bits_per_second|structural_information_bits|prequential_information_bits)"
                            + " use base unit \"bytes\" instead of \"bits\""));
        }
    }
}

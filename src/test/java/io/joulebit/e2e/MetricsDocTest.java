package io.joulebit.e2e;

import io.joulebit.export.MetricsRoute;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/METRICS.md is what {@link MetricsDoc} renders from the exporter right now; any drift fails. Regenerate with
 * {@code mvn -o -B test -Dtest=MetricsDocTest -Djoulebit.updateGolden=true} and review the diff.
 */
class MetricsDocTest {
    private static final Path DOC = PrometheusConfigs.root().resolve("docs/METRICS.md");
    private static final Pattern SAMPLE_NAME = Pattern.compile("(?m)^(joulebit_[a-z0-9_]+)[{ ]");

    @Test
    void checkedInMetricsDocMatchesTheExporter() throws IOException {
        String generated = MetricsDoc.render(RichSnapshot.build());
        if (updateGolden()) {
            Files.createDirectories(DOC.getParent());
            Files.writeString(DOC, generated);
        }
        assertThat(Files.exists(DOC)).as(DOC + " missing: regenerate with -Djoulebit.updateGolden=true").isTrue();
        assertThat(Files.readString(DOC)).as("docs/METRICS.md drifted from the exporter; regenerate with "
                + "-Djoulebit.updateGolden=true and review the diff").isEqualTo(generated);
    }

    /** The rich snapshot is rich enough: every family of the ops name list, and the documented names are real. */
    @Test
    void documentsEveryExportedFamilyUnderItsExposedName() throws IOException {
        List<MetricsDoc.Row> rows = MetricsDoc.rows(MetricsRoute.families(RichSnapshot.build()));
        Set<String> documented = new TreeSet<>(rows.stream().map(MetricsDoc.Row::name).toList());
        assertThat(documented).containsAll(opsMetricNames());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExpositionFormats.init().getPrometheusTextFormatWriter().write(out, MetricsRoute.families(RichSnapshot.build()));
        Set<String> exposed = new TreeSet<>();
        Matcher m = SAMPLE_NAME.matcher(out.toString(StandardCharsets.UTF_8));
        while (m.find()) exposed.add(m.group(1));
        assertThat(documented).isEqualTo(exposed);
        assertThat(rows).allSatisfy(r -> assertThat(r.help()).as(r.name()).isNotBlank());
    }

    @Test
    void unitAndSectionComeFromTheNameAndTheHelp() {
        List<MetricsDoc.Row> rows = MetricsDoc.rows(MetricsRoute.families(RichSnapshot.build()));
        assertThat(rows).filteredOn(r -> r.name().equals("joulebit_energy_per_bit_joules")).singleElement()
                .satisfies(r -> {
                    assertThat(r.unit()).isEqualTo("joules");
                    assertThat(r.section()).isEqualTo("§4");
                    assertThat(r.labels()).containsExactly("run");
                });
        assertThat(rows).filteredOn(r -> r.name().equals("joulebit_device_energy_joules_total")).singleElement()
                .satisfies(r -> {
                    assertThat(r.type()).isEqualTo("counter");
                    assertThat(r.labels()).containsExactlyInAnyOrder("device", "kind", "method", "source");
                });
        assertThat(MetricsDoc.unit("joulebit_negentropy_flux_bits_per_second")).isEqualTo("bits/s");
        assertThat(MetricsDoc.unit("joulebit_information_bits")).isEqualTo("bits");
        assertThat(MetricsDoc.unit("joulebit_heat_capacity")).isEmpty();
    }

    /** surefire maps -DupdateGolden into joulebit.updateGolden; a -Djoulebit.updateGolden on the mvn line also works. */
    private static boolean updateGolden() {
        return Boolean.parseBoolean(System.getProperty("joulebit.updateGolden"))
                || Boolean.parseBoolean(System.getProperty("updateGolden"));
    }

    private static Set<String> opsMetricNames() throws IOException {
        try (InputStream in = MetricsDocTest.class.getResourceAsStream("/ops/metric-names.txt")) {
            assertThat(in).as("/ops/metric-names.txt").isNotNull();
            Set<String> names = new TreeSet<>();
            Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")).map(String::strip)
                    .filter(s -> !s.isEmpty() && !s.startsWith("#")).forEach(names::add);
            return names;
        }
    }
}

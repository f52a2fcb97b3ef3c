package io.joulebit.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.joulebit.thermo.PrequentialCurve;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The audit's structural information (PHYSICS.md §2) beside IC-1: S, E/S and I_preq with their energy ranges, the
 * "how to read" notes, and the reporting fields (energy scope and PUE, device methods, sampling rate, horizon) in all
 * three reports.
 */
class StructuralAuditTest {
    private static final double REL = 1e-9;

    @TempDir
    Path dir;

    private JsonNode audit(AuditFixture fx) throws Exception {
        Path db = fx.write(dir.resolve("data/joulebit.db"));
        AuditWriter.write(db, AuditFixture.RUN, new AuditSettings(OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.empty()), dir.resolve("out"));
        return new ObjectMapper().readTree(dir.resolve("out/report.json").toFile());
    }

    @Test
    void structuralFiguresWithRangesAndTheReportingFields() throws Exception {
        AuditFixture fx = new AuditFixture();
        fx.resumes = 1;
        JsonNode json = audit(fx);
        PrequentialCurve c = fx.curve(fx.seconds);
        double lbar = AuditFixture.loss(fx.tokens());
        double h = AuditFixture.loss(AuditFixture.TOKENS_PER_STEP);
        double s = c.areaBitTokens() - c.windowTokens() * lbar;
        double preq = c.windowTokens() * h - c.areaBitTokens();
        assertThat(s).as("a falling loss curve holds structure").isPositive();

        JsonNode fs = json.at("/figures/structural_information_bits");
        assertThat(fs.get("value").asDouble()).isCloseTo(s, within(s * REL));
        assertThat(fs.get("section").asText()).isEqualTo("structural");
        assertThat(fs.get("low").asDouble()).as("S does not depend on energy").isCloseTo(s, within(s * REL));
        assertThat(fs.get("high").asDouble()).isCloseTo(s, within(s * REL));
        JsonNode fp = json.at("/figures/prequential_information_bits");
        assertThat(fp.get("value").asDouble()).isCloseTo(preq, within(preq * REL));
        assertThat(json.at("/figures/structural_identity_bits/value").asDouble())
                .isCloseTo(c.windowTokens() * (h - lbar), within(c.windowTokens() * h * REL));

        // E/S at the measured energy and at both ends of the energy range (same bands as every other J/bit).
        double e = fx.itJoules() * AuditFixture.PUE;
        double lo = json.at("/figures/it_energy_joules/low").asDouble() * AuditFixture.PUE;
        double hi = json.at("/figures/it_energy_joules/high").asDouble() * AuditFixture.PUE;
        JsonNode es = json.at("/figures/energy_per_structural_bit_joules");
        assertThat(es.get("unit").asText()).isEqualTo("J/bit");
        assertThat(es.get("value").asDouble()).isCloseTo(e / s, within(e / s * REL));
        assertThat(es.get("low").asDouble()).isCloseTo(lo / s, within(lo / s * REL));
        assertThat(es.get("high").asDouble()).isCloseTo(hi / s, within(hi / s * REL));
        assertThat(lo).isLessThan(e).isLessThan(hi);

        JsonNode r = json.at("/reporting");
        assertThat(r.get("energy_scope").asText()).isEqualTo("facility");
        assertThat(r.get("pue").asDouble()).isEqualTo(AuditFixture.PUE);
        assertThat(r.get("power_sample_rate_hz").asDouble()).isEqualTo(AuditFixture.SAMPLE_RATE_HZ);
        assertThat(r.get("device_methods")).hasSize(2);
        assertThat(r.get("device_methods").findValuesAsText("method")).containsExactlyInAnyOrder(
                "hardware energy counter deltas", "power model from utilization (not a sensor)");
        assertThat(r.at("/horizon/first_tokens").asLong()).isEqualTo(AuditFixture.TOKENS_PER_STEP);
        assertThat(r.at("/horizon/last_tokens").asLong()).isEqualTo(fx.tokens());
        assertThat(r.at("/horizon/points").asLong()).isEqualTo(fx.seconds);
        assertThat(r.at("/horizon/resumes").asLong()).isEqualTo(1);
        assertThat(json.at("/figures/horizon_resumes/value").asDouble()).isEqualTo(1);
        assertThat(json.at("/notes")).as("the agent's stored S agrees with the recompute").isEmpty();

        String md = Files.readString(dir.resolve("out/report.md"));
        String html = Files.readString(dir.resolve("out/report.html"));
        for (String page : new String[]{md, html}) {
            assertThat(page).contains("Structural information (no baseline)", "How to read",
                    "resumed or fine-tuned run", "Reporting fields", "facility (IT energy × PUE 1.2)",
                    "hardware energy counter deltas", "power model from utilization");
        }
        assertThat(md.indexOf("IC-1 information capacity")).as("beside IC-1's figures")
                .isLessThan(md.indexOf("Structural information (no baseline)"))
                .isLessThan(md.indexOf("Landauer figures"));
        assertThat(html).contains("id=\"structural\"", "id=\"reporting\"");
    }

    @Test
    void aRunStoredWithoutTheSumSaysWhy() throws Exception {
        AuditFixture fx = new AuditFixture();
        fx.withCurve = false;
        JsonNode json = audit(fx);
        assertThat(json.at("/figures/structural_information_bits/value").isNull()).isTrue();
        assertThat(json.at("/figures/structural_information_bits/reason").asText()).isEqualTo("no_loss_curve");
        assertThat(json.at("/figures/energy_per_structural_bit_joules/reason").asText()).isEqualTo("no_loss_curve");
        assertThat(json.at("/reporting/horizon").isNull()).isTrue();
        assertThat(json.at("/reporting/power_sample_rate_hz").isNull()).isTrue();
        assertThat(json.at("/figures/power_sample_rate_hz/reason").asText()).isEqualTo("not_recorded");
        assertThat(json.at("/figures/information_bits/value").isNumber()).as("IC-1 is unaffected").isTrue();
    }
}

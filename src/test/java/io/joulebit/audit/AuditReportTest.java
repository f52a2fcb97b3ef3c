package io.joulebit.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.joulebit.thermo.Physics;
import io.joulebit.thermo.Thermo;
import io.joulebit.thermo.ThermoFigures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Offset.offset;

/** The three reports of a synthetic stored run, held to thermo computed independently from the same totals. */
class AuditReportTest {
    private static final double REL = 1e-9;

    @TempDir
    Path dir;

    private JsonNode audit(AuditFixture fx, AuditSettings settings) throws Exception {
        Path db = fx.write(dir.resolve("data/joulebit.db"));
        AuditWriter.write(db, AuditFixture.RUN, settings, dir.resolve("out"));
        return new ObjectMapper().readTree(dir.resolve("out/report.json").toFile());
    }

    private static AuditSettings settings(double target) {
        return new AuditSettings(OptionalDouble.of(target), OptionalDouble.of(350), OptionalDouble.of(0.25));
    }

    private static double value(JsonNode json, String key) {
        JsonNode v = json.at("/figures/" + key + "/value");
        assertThat(v.isNumber()).as(key + " = " + json.at("/figures/" + key)).isTrue();
        return v.asDouble();
    }

    private static void close(JsonNode json, String key, double expected) {
        assertThat(value(json, key)).as(key).isCloseTo(expected, within(Math.abs(expected) * REL));
    }

    @Test
    void figuresMatchThermoOnTheSameTotalsWithRanges() throws Exception {
        AuditFixture fx = new AuditFixture();
        JsonNode json = audit(fx, settings(2.6));
        double it = fx.itJoules();
        double h = AuditFixture.loss(AuditFixture.TOKENS_PER_STEP);
        ThermoFigures f = Thermo.compute(fx.inputs(fx.tokens(), it, h, fx.seconds));

        close(json, "it_energy_joules", it);
        assertThat(json.at("/run/labels").toString()).as("the run's labels, as stored").isEqualTo("{\"team\":\"lm\"}");
        close(json, "energy_joules", it * AuditFixture.PUE);
        close(json, "energy_joules", f.energyJoules().value());
        close(json, "energy_per_bit_joules", f.energyPerBitJoules().value());
        close(json, "landauer_efficiency_ratio", f.landauerEfficiencyRatio().value());
        close(json, "information_bits", f.netInformationBits().value());
        close(json, "information_capacity_ratio", f.informationCapacityRatio().value());
        close(json, "breakeven_inference_tokens", f.breakevenInferenceTokens().value());
        close(json, "carbon_grams", f.energyJoules().value() / 3.6e6 * 350);
        close(json, "cost", f.energyJoules().value() / 3.6e6 * 0.25);
        assertThat(json.at("/figures/energy_per_bit_joules/unit").asText()).isEqualTo("J/bit");
        assertThat(json.at("/figures/carbon_grams/unit").asText()).isEqualTo("gCO2e");
        // The identity of PHYSICS.md §4 survives the report.
        assertThat(value(json, "energy_per_bit_joules") * value(json, "landauer_efficiency_ratio"))
                .isCloseTo(Physics.landauerJoulesPerBit(300), within(Physics.landauerJoulesPerBit(300) * 1e-9));

        // Range: gpu counter ±2 %, cpu estimated ±30 % plus its 3 uncovered seconds at its mean power (linear sum).
        double cpu = AuditFixture.CPU_WATTS * (fx.seconds - 3);
        double gpu = AuditFixture.GPU_WATTS * fx.seconds;
        double lo = gpu * 0.98 + cpu * 0.70;
        double hi = gpu * 1.02 + cpu * 1.30 + 3 * cpu / (fx.seconds - 3);
        assertThat(json.at("/figures/it_energy_joules/low").asDouble()).isCloseTo(lo, within(lo * REL));
        assertThat(json.at("/figures/it_energy_joules/high").asDouble()).isCloseTo(hi, within(hi * REL));
        ThermoFigures fLo = Thermo.compute(fx.inputs(fx.tokens(), lo, h, fx.seconds));
        ThermoFigures fHi = Thermo.compute(fx.inputs(fx.tokens(), hi, h, fx.seconds));
        assertThat(json.at("/figures/energy_per_bit_joules/low").asDouble())
                .isCloseTo(fLo.energyPerBitJoules().value(), within(fLo.energyPerBitJoules().value() * REL));
        assertThat(json.at("/figures/energy_per_bit_joules/high").asDouble())
                .isCloseTo(fHi.energyPerBitJoules().value(), within(fHi.energyPerBitJoules().value() * REL));
        // More energy, less efficiency: η_D's low end comes from the high energy.
        assertThat(json.at("/figures/landauer_efficiency_ratio/low").asDouble()).isCloseTo(
                fHi.landauerEfficiencyRatio().value(), within(fHi.landauerEfficiencyRatio().value() * REL));
        assertThat(json.at("/figures/carbon_grams/high").asDouble())
                .isCloseTo(hi * AuditFixture.PUE / 3.6e6 * 350, within(1e-9));
        assertThat(json.at("/devices")).hasSize(2);
        for (JsonNode d : json.at("/devices")) {
            boolean isCpu = d.get("device").asText().equals("cpu");
            assertThat(d.get("uncovered_seconds").asDouble()).isEqualTo(isCpu ? 3.0 : 0.0);
            assertThat(d.get("band_ratio").asDouble()).isEqualTo(isCpu ? 0.30 : 0.02);
            assertThat(d.get("method").asText()).isNotBlank();
        }
        assertThat(json.at("/notes")).isEmpty(); // the agent's stored figures agree with the recompute
    }

    @Test
    void fitRecoversTheKnownPowerLawAndTheForecastFollowsIt() throws Exception {
        AuditFixture fx = new AuditFixture();
        double target = 2.6;
        JsonNode json = audit(fx, settings(target));
        assertThat(value(json, "fit_points")).isEqualTo(fx.seconds);
        assertThat(value(json, "fit_asymptote_bits")).isCloseTo(AuditFixture.E, offset(1e-6));
        assertThat(value(json, "fit_exponent")).isCloseTo(AuditFixture.ALPHA, offset(1e-6));
        assertThat(value(json, "fit_amplitude")).isCloseTo(AuditFixture.A, within(AuditFixture.A * 1e-5));
        assertThat(value(json, "fit_r_squared")).isGreaterThan(0.999999);

        assertThat(json.at("/forecast/status").asText()).isEqualTo("projected");
        double dStar = Math.pow(AuditFixture.A / (target - AuditFixture.E), 1 / AuditFixture.ALPHA);
        assertThat(value(json, "forecast_tokens")).isCloseTo(dStar, within(dStar * 1e-4));
        double jPerToken = fx.itJoules() * AuditFixture.PUE / fx.tokens();
        double forecastTokens = value(json, "forecast_tokens");
        close(json, "forecast_energy_joules", forecastTokens * jPerToken);
        close(json, "forecast_remaining_tokens", forecastTokens - fx.tokens());
        close(json, "forecast_carbon_grams", forecastTokens * jPerToken / 3.6e6 * 350);
    }

    @Test
    void refusalIsExplainedInAllThreeReports() throws Exception {
        JsonNode json = audit(new AuditFixture(), settings(1.5)); // below the asymptote E = 2
        assertThat(json.at("/forecast/status").asText()).isEqualTo("refused");
        assertThat(json.at("/forecast/refusals/0/code").asText()).isEqualTo("target_below_asymptote");
        assertThat(json.at("/figures/forecast_tokens/value").isNull()).isTrue();
        assertThat(json.at("/figures/forecast_tokens/reason").asText()).isEqualTo("refused");
        String md = Files.readString(dir.resolve("out/report.md"));
        String html = Files.readString(dir.resolve("out/report.html"));
        assertThat(md).contains("Refused to extrapolate", "fitted asymptote");
        assertThat(html).contains("Refused to extrapolate", "fitted asymptote");
    }

    @Test
    void simulatedEnergyHasNoRangeAndSaysSo() throws Exception {
        AuditFixture fx = new AuditFixture();
        fx.gpuQuality = "simulated";
        JsonNode json = audit(fx, AuditSettings.NONE);
        assertThat(json.at("/figures/energy_joules/value").isNumber()).isTrue();
        assertThat(json.at("/figures/energy_joules/low").isNull()).isTrue();
        assertThat(json.at("/figures/energy_joules/range_reason").asText()).isEqualTo("simulated_not_a_measurement");
        assertThat(json.at("/figures/carbon_grams/reason").asText()).isEqualTo("grid_intensity_not_given");
        assertThat(json.at("/figures/cost/reason").asText()).isEqualTo("price_not_given");
        assertThat(json.at("/forecast/status").asText()).isEqualTo("not_requested");
        assertThat(json.at("/notes").toString()).contains("simulated");
    }

    @Test
    void modelTermIsRecognisedFromTheStoredNetInformation() throws Exception {
        AuditFixture fx = new AuditFixture();
        fx.modelBitsPerToken = 0.5;
        JsonNode json = audit(fx, AuditSettings.NONE);
        ThermoFigures f = Thermo.compute(fx.inputs(fx.tokens(), fx.itJoules(),
                AuditFixture.loss(AuditFixture.TOKENS_PER_STEP), fx.seconds));
        close(json, "information_bits", f.netInformationBits().value());
        close(json, "model_bits", 0.5 * fx.tokens());
        close(json, "energy_per_bit_joules", f.energyPerBitJoules().value());
        assertThat(json.at("/run/model_term").asText()).isEqualTo("bits_per_token");
    }

    @Test
    void jsonNeverHoldsNanOrInfinity() throws Exception {
        AuditFixture fx = new AuditFixture();
        fx.seconds = 5; // one checkpoint: B > 0 but the fit has too few points
        audit(fx, settings(3));
        String text = Files.readString(dir.resolve("out/report.json"));
        assertThat(text).doesNotContain("NaN", "Infinity");
        JsonNode json = new ObjectMapper().readTree(text);
        assertThat(json.at("/fit/fitted").asBoolean()).isTrue();
        assertThat(json.at("/forecast/refusals/0/code").asText()).isEqualTo("too_few_points");
    }
}

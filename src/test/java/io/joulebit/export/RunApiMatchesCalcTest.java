package io.joulebit.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.joulebit.cli.Main;
import io.joulebit.run.RunSnapshot;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The live agent and `joulebit calc` are one physics: the same totals give the same figures. */
class RunApiMatchesCalcTest {
    private static final String[] SHARED = {"information_bits", "information_capacity_ratio",
            "information_bits_per_parameter", "landauer_min_energy_joules", "landauer_efficiency_ratio",
            "energy_per_bit_joules", "landauer_multiple", "energy_per_token_joules", "tokens_per_joule",
            "flops_estimate", "joules_per_flop", "energy_joules", "loss_bits", "baseline_bits", "delta_bits_per_token"};

    @Test
    void apiFiguresEqualCalcFedTheSameTotals() throws Exception {
        RunSnapshot s = Scenarios.training();
        JsonNode api = RunJson.of(s).get("figures");
        StringWriter out = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(new StringWriter()), "calc", "--format", "json",
                "--tokens", Long.toString(s.progress().tokens().getAsLong()),
                "--energy", String.format(Locale.ROOT, "%.17gJ", s.itEnergyJoules()),
                "--pue", Double.toString(s.pue()),
                "--loss", Double.toString(s.figures().lossBits().value()), "--loss-unit", "bits",
                "--baseline-bits", Double.toString(s.figures().baselineBits().value()),
                "--params", "124e6", "--temperature-kelvin", "300");
        assertThat(code).isZero();
        JsonNode calc = new ObjectMapper().readTree(out.toString());
        for (String key : SHARED) {
            assertThat(api.get(key).isNumber()).as(key).isTrue();
            double a = api.get(key).asDouble();
            assertThat(calc.get(key).asDouble()).as(key).isCloseTo(a, within(Math.abs(a) * 1e-12));
        }
    }
}

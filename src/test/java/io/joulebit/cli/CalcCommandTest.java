package io.joulebit.cli;

import static io.joulebit.thermo.Rounded.assertRoundsTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joulebit.thermo.Thermo;
import io.joulebit.thermo.ThermoFigures;
import io.joulebit.thermo.ThermoInputs;
import io.joulebit.thermo.Units;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** {@code joulebit calc} in-process: PHYSICS.md §9 vectors (printed rounded; see Rounded) through the JSON output. */
class CalcCommandTest {
    private static final List<String> KEYS = List.of("tokens", "energy_joules", "loss_bits", "baseline_bits",
            "delta_bits_per_token", "information_bits", "information_capacity_ratio",
            "information_bits_per_parameter", "landauer_min_energy_joules", "landauer_efficiency_ratio",
            "energy_per_bit_joules", "landauer_multiple", "energy_per_token_joules", "tokens_per_joule",
            "temperature_kelvin", "flops_estimate", "joules_per_flop", "breakeven_inference_tokens", "flags");

    static JsonNode json(String... args) {
        List<String> all = new ArrayList<>(List.of("calc", "--format", "json"));
        all.addAll(List.of(args));
        CliRun run = CliRun.of(all.toArray(String[]::new));
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out().lines().count()).isEqualTo(1);
        return run.json();
    }

    private static List<String> flags(JsonNode j) {
        List<String> out = new ArrayList<>();
        j.get("flags").forEach(f -> out.add(f.asText()));
        return out;
    }

    @Test
    void vectorA_sameFiguresAsThermo() {
        JsonNode j = json("--tokens", "2e9", "--loss", "3.2", "--baseline-nats", "10.8", "--params", "124e6",
                "--bits-per-param", "16");
        assertThat(j.fieldNames()).toIterable().containsExactlyElementsOf(KEYS);
        assertThat(j.get("tokens").isIntegralNumber()).isTrue();
        assertThat(j.get("tokens").asLong()).isEqualTo(2_000_000_000L);
        assertRoundsTo(j.get("baseline_bits").asDouble(), "15.58");
        assertRoundsTo(j.get("loss_bits").asDouble(), "4.617");
        assertRoundsTo(j.get("information_bits").asDouble(), "2.193e10");
        assertRoundsTo(j.get("information_capacity_ratio").asDouble(), "11.05");
        assertRoundsTo(j.get("information_bits_per_parameter").asDouble(), "176.8");
        assertRoundsTo(j.get("landauer_min_energy_joules").asDouble(), "6.296e-11");
        assertThat(j.get("information_capacity_ratio").asDouble()).isNotCloseTo(7.661,
                Offset.offset(1.0)).isNotCloseTo(176.8, Offset.offset(1.0));
        assertThat(j.get("energy_joules").isNull()).isTrue();
        assertThat(j.get("energy_per_bit_joules").isNull()).isTrue();
        assertThat(flags(j)).containsExactly("no_energy");
        ThermoFigures t = Thermo.compute(ThermoInputs.builder().tokens(2_000_000_000L).lossNats(3.2)
                .baselineBits(Units.natsToBits(10.8)).params(124_000_000L).build());
        assertThat(j.get("information_bits").asDouble()).isEqualTo(t.netInformationBits().value());
        assertThat(j.get("landauer_min_energy_joules").asDouble()).isEqualTo(t.landauerMinEnergyJoules().value());
    }

    @Test
    void vectorB_uniformBaseline() {
        JsonNode j = json("--vocab-size", "50257", "--loss", "6.0", "--tokens", "1e8", "--params", "124e6",
                "--bits-per-param", "32");
        assertRoundsTo(j.get("baseline_bits").asDouble(), "15.62");
        assertRoundsTo(j.get("information_bits").asDouble(), "6.961e8");
        assertRoundsTo(j.get("information_capacity_ratio").asDouble(), "0.1754");
        assertRoundsTo(j.get("landauer_min_energy_joules").asDouble(), "1.998e-12");
    }

    @Test
    void vectorC_totalsWithEnergyInAnyUnit() {
        JsonNode j = json("--tokens", "1.2e9", "--energy", "4.8e6J", "--loss", "3.35", "--baseline-nats", "10.8");
        assertRoundsTo(j.get("information_bits").asDouble(), "1.290e10");
        assertRoundsTo(j.get("energy_joules").asDouble(), "4.8e6");
        assertRoundsTo(j.get("energy_per_bit_joules").asDouble(), "3.722e-4");
        assertRoundsTo(j.get("landauer_efficiency_ratio").asDouble(), "7.714e-18");
        assertThat(j.get("landauer_multiple").asDouble() * j.get("landauer_efficiency_ratio").asDouble())
                .isCloseTo(1.0, Offset.offset(1e-12));
        assertThat(j.get("information_capacity_ratio").isNull()).isTrue();
        assertThat(j.get("flops_estimate").isNull()).isTrue();
        assertThat(flags(j)).containsExactly("no_params");
        assertThat(json("--tokens", "1.2e9", "--energy", "4.8MJ", "--loss", "3.35", "--baseline-nats", "10.8"))
                .isEqualTo(j);
        assertThat(json("--tokens", "1200000000", "--energy", "4800 kJ", "--loss", "3.35", "--baseline-nats",
                "10.8")).isEqualTo(j);
    }

    @Test
    void pueScalesEnergyAndModelTermMakesBitsNet() {
        JsonNode j = json("--tokens", "1000", "--energy", "1kWh", "--pue", "1.5", "--loss", "4", "--loss-unit",
                "bits", "--baseline-bits", "10", "--model-bits-per-token", "2", "--params", "100",
                "--inference-joules-per-token", "0.5");
        assertThat(j.get("energy_joules").asDouble()).isEqualTo(5.4e6);
        assertThat(j.get("information_bits").asDouble()).isEqualTo(4000); // 1000·(10 − 4) − 2·1000
        assertThat(j.get("energy_per_bit_joules").asDouble()).isEqualTo(5.4e6 / 4000);
        assertThat(j.get("information_capacity_ratio").asDouble()).isEqualTo(6000.0 / 1600); // η uses I, not B
        assertThat(j.get("breakeven_inference_tokens").asDouble()).isEqualTo(1.08e7);
        assertThat(j.get("flops_estimate").asDouble()).isEqualTo(6e5);
    }

    @Test
    void lossAboveBaselineIsSignedAndFlagged() {
        JsonNode j = json("--tokens", "10", "--energy", "1J", "--loss", "12", "--loss-unit", "bits",
                "--baseline-bits", "10");
        assertThat(j.get("delta_bits_per_token").asDouble()).isEqualTo(-2);
        assertThat(j.get("information_bits").asDouble()).isEqualTo(-20);
        assertThat(j.get("landauer_min_energy_joules").asDouble()).isZero();
        assertThat(j.get("energy_per_bit_joules").isNull()).isTrue();
        assertThat(flags(j)).containsExactlyInAnyOrder("no_params", "nonpositive_bits", "loss_above_baseline");
    }

    @Test
    void lossInBitsPreconvertedGivesIdenticalOutput() {
        Random r = new Random(2024L);
        for (int i = 0; i < 40; i++) {
            double nats = 0.5 + 10 * r.nextDouble();
            String tokens = Long.toString(1 + (long) Math.pow(10, 12 * r.nextDouble()));
            String energy = (1 + r.nextInt(100000)) + "kWh";
            String bits = Double.toString(Units.natsToBits(nats));
            JsonNode fromNats = json("--tokens", tokens, "--energy", energy, "--loss", Double.toString(nats),
                    "--baseline-nats", "11", "--params", "1e9");
            JsonNode fromBits = json("--tokens", tokens, "--energy", energy, "--loss", bits, "--loss-unit", "bits",
                    "--baseline-nats", "11", "--params", "1e9");
            assertThat(fromBits).isEqualTo(fromNats);
        }
    }

    @Test
    void perplexityIsLog2() {
        JsonNode j = json("--perplexity", "1024", "--baseline-bits", "15", "--tokens", "1");
        assertThat(j.get("loss_bits").asDouble()).isEqualTo(10);
        assertThat(flags(j)).contains("no_energy", "no_params");
    }

    @Test
    void textIsATableWithUnits() {
        CliRun run = CliRun.of("calc", "--tokens", "1.2e9", "--energy", "1.3333kWh", "--loss", "3.35",
                "--baseline-nats", "10.8", "--params", "124e6");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("1200000000", "J/bit", "bits/token", "bits/param", "J/token", " K")
                .contains("flags: none");
        List<String> rows = run.out().lines().filter(l -> l.startsWith("  ")).toList();
        assertThat(rows).hasSize(KEYS.size() - 1);
        // Values right-aligned to one column, units left-aligned after two spaces.
        assertThat(rows).allSatisfy(l -> {
            assertThat(l.charAt(48)).isNotEqualTo(' ');
            assertThat(l.substring(49, 51)).isEqualTo("  ");
            assertThat(l.charAt(51)).isNotEqualTo(' ');
        });
        CliRun partial = CliRun.of("calc", "--loss", "3", "--vocab-size", "32000");
        assertThat(partial.out()).contains("n/a", "(no_tokens)", "flags: no_tokens, no_energy, no_params");
    }
}

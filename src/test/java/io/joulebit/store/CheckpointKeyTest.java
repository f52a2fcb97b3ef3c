package io.joulebit.store;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The names stored in checkpoint_extra never change: every run already stored must keep its figures. */
class CheckpointKeyTest {
    @Test
    void storedNamesAreTheOnesOlderStoresHold() {
        assertThat(Arrays.stream(CheckpointKey.values()).map(CheckpointKey::key)).containsExactly(
                "elapsed_seconds", "energy_joules", "it_energy_joules", "pue", "params", "landauer_kelvin",
                "ambient_kelvin", "bits_per_param", "information_bits", "energy_per_bit_joules",
                "landauer_efficiency_ratio", "loss_bits", "structural_information_bits",
                "energy_per_structural_bit_joules", "power_sample_rate_hz", "prequential_first_tokens",
                "prequential_last_tokens", "prequential_last_loss_bits", "prequential_area_bits", "prequential_points",
                "prequential_resumes");
    }

    @Test
    void aFigureIsReadByItsKeyAndAnAbsentOneIsNaN() {
        Checkpoint c = new Checkpoint("r", Instant.EPOCH, 1, 1, OptionalLong.empty(), Map.of(), Double.NaN, Double.NaN,
                "", 0, Optional.empty(), Map.of("energy_joules", 42.0));
        assertThat(c.extra(CheckpointKey.ENERGY_JOULES)).isEqualTo(42.0);
        assertThat(c.extra(CheckpointKey.PUE)).isNaN();
    }
}

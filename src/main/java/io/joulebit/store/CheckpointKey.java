package io.joulebit.store;

import java.util.Locale;

/**
 * The named figures of {@link Checkpoint#extra()}: what the agent wants back after a restart (totals, the live page's
 * history, the structural figures' prequential sum) and what an audit recomputes from. Each key is stored as its
 * lower-case name in table checkpoint_extra, so a name never changes: a renamed key would make every stored run
 * lose that figure. A new figure is a new constant.
 */
public enum CheckpointKey {
    ELAPSED_SECONDS, ENERGY_JOULES, IT_ENERGY_JOULES, PUE, PARAMS, LANDAUER_KELVIN, AMBIENT_KELVIN, BITS_PER_PARAM,
    INFORMATION_BITS, ENERGY_PER_BIT_JOULES, LANDAUER_EFFICIENCY_RATIO, LOSS_BITS, STRUCTURAL_INFORMATION_BITS,
    ENERGY_PER_STRUCTURAL_BIT_JOULES, POWER_SAMPLE_RATE_HZ,
    /** The prequential sum of the structural figures (PHYSICS.md §2), resumed like a total. */
    PREQUENTIAL_FIRST_TOKENS, PREQUENTIAL_LAST_TOKENS, PREQUENTIAL_LAST_LOSS_BITS, PREQUENTIAL_AREA_BITS,
    PREQUENTIAL_POINTS, PREQUENTIAL_RESUMES;

    private final String key = name().toLowerCase(Locale.ROOT);

    /** The name stored in checkpoint_extra. */
    public String key() { return key; }
}

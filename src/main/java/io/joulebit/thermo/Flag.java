package io.joulebit.thermo;

import java.util.Locale;

/**
 * Why a figure is absent, or a warning about a present one (PHYSICS.md §8). {@link #label()} is the exported
 * snake_case name.
 */
public enum Flag {
    NO_TOKENS(false),
    NO_ENERGY(false),
    NO_PARAMS(false),
    NO_LOSS(false),
    NO_BASELINE(false),
    /** Net information B ≤ 0: no energy per bit can be defined. */
    NONPOSITIVE_BITS(false),
    NAN_LOSS(false),
    INVALID_TEMPERATURE(false),
    /** A computation produced NaN or ±Inf (e.g. overflow); the figure is withheld. */
    NON_FINITE(false),
    /** No elapsed time (average power, entropy production) or a time interval ≤ 0 (flux). */
    NO_ELAPSED(false),
    /** Heat capacity: fewer than 0.8·W valid points in the window. */
    TOO_FEW_POINTS(false),
    /** Heat capacity: the learning rate changed by more than 10 % inside the window. */
    LR_CHANGED(false),
    /** Heat capacity: effective temperature is 0 (lr = 0) or unknown. */
    ZERO_TEMPERATURE(false),
    /** Structural and prequential information: no point with both tokens and a finite loss yet (or none given). */
    NO_LOSS_CURVE(false),
    /** Structural information S ≤ 0: no energy per structural bit can be defined. */
    NONPOSITIVE_STRUCTURAL_BITS(false),
    /** Warning: L̄ above H, ΔH &lt; 0 (a loss spike); figures stay signed, never clamped. */
    LOSS_ABOVE_BASELINE(true),
    /** Warning: η_D &gt; 1e-6, which no real run reaches; almost surely a unit bug upstream. */
    LANDAUER_UNIT_SUSPECT(true),
    /** Warning: 5 non-finite losses in a row. */
    DIVERGED(true);

    private final boolean warning;

    Flag(boolean warning) {
        this.warning = warning;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for flags that warn about present figures rather than explain an absent one. */
    public boolean warning() {
        return warning;
    }
}

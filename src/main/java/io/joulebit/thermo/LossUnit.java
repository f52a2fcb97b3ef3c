package io.joulebit.thermo;

import java.util.Locale;
import java.util.Optional;

/** The unit a loss is logged in (config knob {@code loss_unit}); PHYSICS.md §0. */
public enum LossUnit {
    NATS, BITS;

    public double toBits(double loss) {
        return this == NATS ? Units.natsToBits(loss) : loss;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "nats" or "bits" (exact, lower case); empty for anything else. */
    public static Optional<LossUnit> parse(String text) {
        for (LossUnit u : values()) {
            if (u.label().equals(text)) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }
}

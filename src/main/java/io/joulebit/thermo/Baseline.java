package io.joulebit.thermo;

import java.util.Locale;
import java.util.Objects;

/**
 * The baseline entropy H in bits/token and the method that produced it (PHYSICS.md §1; always exported).
 */
public record Baseline(Method method, double bits) {
    public enum Method {
        /** Mean loss of the first K logged points (An, Song &amp; Li 2024, Cor. 4.1). Invalid for resumed runs. */
        INITIAL_LOSS,
        /** log2(vocabulary size). */
        UNIFORM,
        /** A configured value. */
        FIXED;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public Baseline {
        Objects.requireNonNull(method, "method");
        if (!Double.isFinite(bits)) {
            throw new IllegalArgumentException("baseline must be finite: " + bits);
        }
    }

    public static Baseline uniform(long vocabularySize) {
        if (vocabularySize < 1) {
            throw new IllegalArgumentException("vocabulary size must be >= 1: " + vocabularySize);
        }
        return new Baseline(Method.UNIFORM, Units.log2(vocabularySize));
    }

    public static Baseline fixed(double bits) {
        return new Baseline(Method.FIXED, bits);
    }

    public static Baseline initialLoss(double meanLossBits) {
        return new Baseline(Method.INITIAL_LOSS, meanLossBits);
    }
}

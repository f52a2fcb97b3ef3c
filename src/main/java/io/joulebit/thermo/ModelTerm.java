package io.joulebit.thermo;

import java.util.Objects;

/**
 * Model description term M of B = I − M (PHYSICS.md §2): NONE (M = 0, default), BITS_PER_TOKEN (M = c·D) or
 * MODEL_BITS (M = N_bits).
 */
public record ModelTerm(Kind kind, double bitsPerToken) {
    public enum Kind { NONE, BITS_PER_TOKEN, MODEL_BITS }

    public static final ModelTerm NONE = new ModelTerm(Kind.NONE, 0);
    public static final ModelTerm MODEL_BITS = new ModelTerm(Kind.MODEL_BITS, 0);

    public ModelTerm {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.BITS_PER_TOKEN ? !(bitsPerToken >= 0 && Double.isFinite(bitsPerToken)) : bitsPerToken != 0) {
            throw new IllegalArgumentException("bits per token must be finite and >= 0 (0 unless BITS_PER_TOKEN)");
        }
    }

    public static ModelTerm bitsPerToken(double c) {
        return new ModelTerm(Kind.BITS_PER_TOKEN, c);
    }

    /** M in bits for D tokens and a model of modelBits (N_bits, absent when the parameter count is unknown). */
    public Figure bits(long tokens, Figure modelBits) {
        return switch (kind) {
            case NONE -> Figure.of(0);
            case BITS_PER_TOKEN -> Figure.of(bitsPerToken * tokens);
            case MODEL_BITS -> modelBits;
        };
    }
}

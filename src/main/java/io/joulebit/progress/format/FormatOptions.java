package io.joulebit.progress.format;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a parser may need beyond the line itself. Field names serve the generic jsonl/csv formats; the token options
 * feed {@link TokenDeriver} when the log itself carries no token count.
 *
 * @param loggingSteps  optimizer steps per logged line, for logs that print no step number (HF stdout dicts)
 * @param maxLineChars  longer lines are rejected unread (a runaway progress bar must not cost unbounded work)
 */
public record FormatOptions(String stepField, String lossField, String tokensField, String lrField, LossUnit lossUnit,
                            String regex, OptionalLong seqLen, OptionalLong tokensPerStep, long loggingSteps,
                            int maxLineChars) {
    public static final int DEFAULT_MAX_LINE_CHARS = 64 * 1024;

    public FormatOptions {
        Objects.requireNonNull(stepField, "stepField");
        Objects.requireNonNull(lossField, "lossField");
        Objects.requireNonNull(tokensField, "tokensField");
        Objects.requireNonNull(lrField, "lrField");
        Objects.requireNonNull(lossUnit, "lossUnit");
        Objects.requireNonNull(regex, "regex");
        Objects.requireNonNull(seqLen, "seqLen");
        Objects.requireNonNull(tokensPerStep, "tokensPerStep");
        if (loggingSteps < 1) throw new IllegalArgumentException("loggingSteps must be >= 1, got " + loggingSteps);
        if (maxLineChars < 16) throw new IllegalArgumentException("maxLineChars must be >= 16, got " + maxLineChars);
    }

    public static FormatOptions defaults() {
        return new FormatOptions("step", "loss", "tokens", "lr", LossUnit.NATS, "", OptionalLong.empty(),
                OptionalLong.empty(), 1, DEFAULT_MAX_LINE_CHARS);
    }

    public FormatOptions withFields(String step, String loss, String tokens, String lr) {
        return new FormatOptions(step, loss, tokens, lr, lossUnit, regex, seqLen, tokensPerStep, loggingSteps,
                maxLineChars);
    }

    public FormatOptions withLossUnit(LossUnit unit) {
        return new FormatOptions(stepField, lossField, tokensField, lrField, unit, regex, seqLen, tokensPerStep,
                loggingSteps, maxLineChars);
    }

    public FormatOptions withRegex(String re) {
        return new FormatOptions(stepField, lossField, tokensField, lrField, lossUnit, re, seqLen, tokensPerStep,
                loggingSteps, maxLineChars);
    }

    public FormatOptions withSeqLen(long n) {
        return new FormatOptions(stepField, lossField, tokensField, lrField, lossUnit, regex, positive(n),
                tokensPerStep, loggingSteps, maxLineChars);
    }

    public FormatOptions withTokensPerStep(long n) {
        return new FormatOptions(stepField, lossField, tokensField, lrField, lossUnit, regex, seqLen, positive(n),
                loggingSteps, maxLineChars);
    }

    public FormatOptions withLoggingSteps(long n) {
        return new FormatOptions(stepField, lossField, tokensField, lrField, lossUnit, regex, seqLen, tokensPerStep,
                n, maxLineChars);
    }

    public FormatOptions withMaxLineChars(int n) {
        return new FormatOptions(stepField, lossField, tokensField, lrField, lossUnit, regex, seqLen, tokensPerStep,
                loggingSteps, n);
    }

    private static OptionalLong positive(long n) {
        if (n <= 0) throw new IllegalArgumentException("must be > 0, got " + n);
        return OptionalLong.of(n);
    }
}

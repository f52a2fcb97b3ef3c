package io.joulebit.run;

import java.util.OptionalLong;

/**
 * The training curve as of a snapshot.
 *
 * @param trainSteps          train events accepted (run_steps_total)
 * @param lastStep            the last train step number seen, -1 before the first
 * @param tokens              D, cumulative tokens; empty when no source gives tokens (flag no_tokens)
 * @param lossBits            last finite train loss in bits (NaN before the first)
 * @param smoothedLossBits    L̄ (NaN before the first)
 * @param evalLossBits        last eval loss in bits (NaN when none)
 * @param nonFiniteLosses     NaN/Inf losses dropped (PHYSICS.md §8)
 * @param tokensDecreased     events whose cumulative tokens went backwards (ignored; counters never go backwards)
 * @param stepsReplayed       train events at or below the last counted step (a re-read log), not counted again
 * @param lines               what the progress source made of its input
 * @param lastEventEpochSeconds wall time of the last progress event, NaN before the first
 * @param curve               the loss curve's area and token window for the structural figures (PHYSICS.md §2)
 */
public record ProgressState(long trainSteps, long lastStep, OptionalLong tokens, double lossBits,
                            double smoothedLossBits, double evalLossBits, long nonFiniteLosses,
                            long tokensDecreased, long stepsReplayed, LineCounts lines,
                            double lastEventEpochSeconds,
                            java.util.Optional<io.joulebit.thermo.PrequentialCurve> curve) {
    public ProgressState {
        java.util.Objects.requireNonNull(curve, "curve");
    }

    /**
     * progress_lines_total{result}, and what happened to the followed file.
     *
     * @param file empty when the source follows no file (ingest, DJL, trainer_state.json)
     */
    public record LineCounts(long parsed, long ignored, long rejected, java.util.Optional<LogFile> file) {
        public static final LineCounts NONE = new LineCounts(0, 0, 0);

        public LineCounts {
            java.util.Objects.requireNonNull(file, "file");
        }

        public LineCounts(long parsed, long ignored, long rejected) {
            this(parsed, ignored, rejected, java.util.Optional.empty());
        }
    }

    /**
     * The followed log file's events, each also logged once when it happens.
     *
     * @param rotations   times the path came to name a new file (rename + create, symlink swap) and it was followed
     * @param truncations times the file shrank below what was read (copytruncate) and was read again from 0
     * @param readErrors  failed opens or reads by reason: permission_denied, io
     * @param format      the log's format, "pending" while auto-detection is undecided, "" when not known
     */
    public record LogFile(long rotations, long truncations, java.util.Map<String, Long> readErrors, String format) {
        public LogFile {
            readErrors = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(readErrors)); // sorted: stable exposition
            java.util.Objects.requireNonNull(format, "format");
        }

        public LogFile(long rotations, long truncations, java.util.Map<String, Long> readErrors) {
            this(rotations, truncations, readErrors, "");
        }
    }
}

package io.joulebit.progress;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a progress source made of its input, as it reports it itself (progress_lines_total{result}), and what
 * happened to the file it follows.
 *
 * @param file empty when the source follows no file (ingest, DJL, trainer_state.json)
 */
public record LineCounts(long parsed, long ignored, long rejected, Optional<LogFile> file) {
    public static final LineCounts NONE = new LineCounts(0, 0, 0);

    public LineCounts {
        Objects.requireNonNull(file, "file");
    }

    public LineCounts(long parsed, long ignored, long rejected) {
        this(parsed, ignored, rejected, Optional.empty());
    }

    /**
     * The followed log file's events, each also logged once when it happens.
     *
     * @param rotations   times the path came to name a new file (rename + create, symlink swap) and it was followed
     * @param truncations times the file shrank below what was read (copytruncate) and was read again from 0
     * @param readErrors  failed opens or reads by reason: permission_denied, io
     * @param format      the log's format, "pending" while auto-detection is undecided, "" when not known
     */
    public record LogFile(long rotations, long truncations, Map<String, Long> readErrors, String format) {
        public LogFile {
            readErrors = Collections.unmodifiableMap(new TreeMap<>(readErrors)); // sorted: stable exposition
            Objects.requireNonNull(format, "format");
        }

        public LogFile(long rotations, long truncations, Map<String, Long> readErrors) {
            this(rotations, truncations, readErrors, "");
        }
    }
}

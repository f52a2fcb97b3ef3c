package io.joulebit.progress.format;

import java.util.Locale;

/**
 * How one log line was classified, the {@code result} label of {@code progress_lines_total}. REJECTED means it looked
 * like a step line of the format (or was over-long) but could not be read; IGNORED means it was not a step line.
 */
public enum LineKind {
    PARSED, IGNORED, REJECTED;

    public String label() { return name().toLowerCase(Locale.ROOT); }
}

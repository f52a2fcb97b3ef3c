package io.joulebit.progress.tail;

import java.util.Map;

/**
 * Snapshot of a tailer's counters.
 *
 * @param readErrors errors by reason: "permission_denied", "io"
 */
public record TailCounters(long linesDelivered, long linesRejected, long rotations, long truncations,
                           Map<String, Long> readErrors) {
    public TailCounters {
        readErrors = Map.copyOf(readErrors);
    }

    public long readErrors(String reason) { return readErrors.getOrDefault(reason, 0L); }
}

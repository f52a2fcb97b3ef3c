package io.joulebit.progress.tail;

import java.util.Objects;

/**
 * Where a tailer stands: the file it reads and the byte offset just past the last complete line it consumed.
 * Persist it and hand it back to {@link LogTailer.Builder#resumeFrom} to continue after a restart.
 */
public record TailPosition(FileIdentity identity, long offset) {
    public TailPosition {
        Objects.requireNonNull(identity, "identity");
        if (offset < 0) throw new IllegalArgumentException("offset must be >= 0, got " + offset);
    }
}

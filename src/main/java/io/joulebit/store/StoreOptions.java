package io.joulebit.store;

import io.joulebit.time.NanoClock;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * How a {@link RunStore} is opened and paced.
 *
 * @param queueCapacity journal rows held while the writer is behind or the disk fails; the oldest go first
 * @param batchRows     rows per transaction at most; a full batch is written at once
 * @param flushInterval longest a journal row waits before it is written (checkpoints are written at once, with the
 *                      rows queued so far, up to a batch). The default is longer than the default checkpoint interval
 *                      (1 s), so rows normally go with the checkpoints: one commit per second, and a kill -9 loses at
 *                      most that second of journal rows (totals and log position are in the checkpoint; steps after
 *                      it are read again from the log)
 * @param backoffMin    first retry delay after a failed open/commit, doubled up to {@code backoffMax}
 * @param closeTimeout  how long close() waits for the queue to drain
 * @param busyTimeout   how long a write waits for another process's lock before it counts as failed
 */
public record StoreOptions(Path path, ConnectionFactory connections, InstantSource wall, NanoClock mono,
                           int queueCapacity, int batchRows, Duration flushInterval, Duration backoffMin,
                           Duration backoffMax, Duration closeTimeout, Duration busyTimeout) {
    public static final Path DEFAULT_PATH = Path.of("joulebit-data", "joulebit.db");

    public StoreOptions {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(wall, "wall");
        Objects.requireNonNull(mono, "mono");
        if (queueCapacity < 1 || batchRows < 1) throw new IllegalArgumentException("queue sizes must be >= 1");
        for (Duration d : new Duration[]{flushInterval, backoffMin, backoffMax, closeTimeout, busyTimeout}) {
            if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("durations must be > 0, got " + d);
        }
    }

    /** Production defaults on the system clocks. */
    public static StoreOptions defaults(Path path) {
        return new StoreOptions(path, ConnectionFactory.SQLITE, InstantSource.system(), NanoClock.SYSTEM, 20_000, 2_000,
                Duration.ofSeconds(10), Duration.ofMillis(250), Duration.ofSeconds(30), Duration.ofSeconds(5),
                Duration.ofSeconds(2));
    }

    public StoreOptions withConnections(ConnectionFactory f) {
        return new StoreOptions(path, f, wall, mono, queueCapacity, batchRows, flushInterval, backoffMin, backoffMax,
                closeTimeout, busyTimeout);
    }

    public StoreOptions withClocks(InstantSource w, NanoClock m) {
        return new StoreOptions(path, connections, w, m, queueCapacity, batchRows, flushInterval, backoffMin,
                backoffMax, closeTimeout, busyTimeout);
    }

    public StoreOptions withQueue(int capacity, int rowsPerBatch, Duration flush) {
        return new StoreOptions(path, connections, wall, mono, capacity, rowsPerBatch, flush, backoffMin, backoffMax,
                closeTimeout, busyTimeout);
    }

    public StoreOptions withBackoff(Duration min, Duration max) {
        return new StoreOptions(path, connections, wall, mono, queueCapacity, batchRows, flushInterval, min, max,
                closeTimeout, busyTimeout);
    }
}

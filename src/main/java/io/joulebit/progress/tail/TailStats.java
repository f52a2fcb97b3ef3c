package io.joulebit.progress.tail;

import io.joulebit.health.Health;
import java.util.concurrent.atomic.LongAdder;

/**
 * A tailer's live counters; written by the tailer thread, read from anywhere through {@link #snapshot}. Read errors
 * are the tailer's {@link Health}, counted by its {@link io.joulebit.health.HealthLog} under these reasons.
 */
final class TailStats {
    static final String PERMISSION_DENIED = "permission_denied";
    static final String IO = "io";

    final LongAdder delivered = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder rotations = new LongAdder();
    final LongAdder truncations = new LongAdder();

    TailCounters snapshot(Health access) {
        return new TailCounters(delivered.sum(), rejected.sum(), rotations.sum(), truncations.sum(),
                access.errorsByReason());
    }
}

package io.joulebit.progress.tail;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** A tailer's live counters; written by the tailer thread, read from anywhere through {@link #snapshot()}. */
final class TailStats {
    static final String PERMISSION_DENIED = "permission_denied";
    static final String IO = "io";

    final LongAdder delivered = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder rotations = new LongAdder();
    final LongAdder truncations = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    void error(String reason) { errors.computeIfAbsent(reason, r -> new LongAdder()).increment(); }

    TailCounters snapshot() {
        Map<String, Long> byReason = new TreeMap<>();
        errors.forEach((reason, count) -> byReason.put(reason, count.sum()));
        return new TailCounters(delivered.sum(), rejected.sum(), rotations.sum(), truncations.sum(), byReason);
    }
}

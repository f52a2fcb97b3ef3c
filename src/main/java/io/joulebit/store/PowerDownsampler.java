package io.joulebit.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the journal at most one power row per device per wall-clock second, the latest of that second. The pending
 * row of a device is released when the device's next second begins (or on flush), so sampling at 10 Hz queues 1 row/s.
 * Thread-safe: called from every sampling thread.
 */
final class PowerDownsampler {
    private final Map<String, PowerRow> pending = new HashMap<>();

    /** The row to journal now, if {@code row} closed a second; a late row (an earlier second) passes straight on. */
    synchronized Optional<PowerRow> offer(PowerRow row) {
        String key = row.runId() + '\u0000' + row.device();
        PowerRow held = pending.get(key);
        if (held == null) {
            pending.put(key, row);
            return Optional.empty();
        }
        if (row.epochSecond() == held.epochSecond()) {
            if (!row.wallTime().isBefore(held.wallTime())) pending.put(key, row);
            return Optional.empty();
        }
        if (row.epochSecond() > held.epochSecond()) {
            pending.put(key, row);
            return Optional.of(held);
        }
        return Optional.of(row); // the store keeps the latest row of that second
    }

    /** Every held row (on checkpoint, flush and close). */
    synchronized List<PowerRow> drain() {
        List<PowerRow> out = new ArrayList<>(pending.values());
        pending.clear();
        return out;
    }
}

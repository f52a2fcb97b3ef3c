package io.joulebit.store;

import io.joulebit.health.Health;
import io.joulebit.health.HealthLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's health in the shared vocabulary: failed open/commit attempts counted by operation, the last error kept,
 * logged edge-triggered per operation and SQLite reason (WARN when writing starts failing or fails for a new reason,
 * DEBUG while it keeps failing, INFO when a commit succeeds again). Adds only the store's own dropped-row count.
 */
final class HealthTracker {
    private static final Logger LOG = LoggerFactory.getLogger(RunStore.class);

    private final String path;
    private final HealthLog log = new HealthLog(LOG);

    HealthTracker(String path) { this.path = path; }

    void failure(String what, Exception e) {
        log.failure(what + "/" + Sql.reason(e), what, what + ": " + e.getMessage(),
                "store {}: {} failed ({}); joulebit keeps running, holds data in memory (bounded) and retries",
                path, what, e.getMessage());
    }

    void success() {
        Health h = log.health();
        if (!h.up()) log.allRecovered("store {}: writing again after {} failed attempts", path, h.errorsTotal());
    }

    StoreHealth snapshot(long droppedRows) {
        Health h = log.health();
        return new StoreHealth(h.up(), h.errorsTotal(), droppedRows, h.lastError());
    }
}

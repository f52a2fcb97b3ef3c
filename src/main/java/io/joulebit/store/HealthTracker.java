package io.joulebit.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's health, logged edge-triggered: WARN when writing starts failing (or fails for a new reason), DEBUG while
 * it keeps failing, INFO when a commit succeeds again.
 */
final class HealthTracker {
    private static final Logger LOG = LoggerFactory.getLogger(RunStore.class);

    private final String path;
    private boolean up;
    private String failingReason; // null while healthy
    private long writeErrors;
    private String lastError = "";

    HealthTracker(String path) { this.path = path; }

    synchronized void failure(String what, Exception e) {
        writeErrors++;
        lastError = what + ": " + e.getMessage();
        up = false;
        String reason = what + "/" + Sql.reason(e);
        if (reason.equals(failingReason)) {
            LOG.debug("store {}: {} still failing: {}", path, what, e.getMessage());
        } else {
            LOG.warn("store {}: {} failed ({}); joulebit keeps running, holds data in memory (bounded) and retries",
                    path, what, e.getMessage());
            failingReason = reason;
        }
    }

    synchronized void success() {
        if (failingReason != null) {
            LOG.info("store {}: writing again after {} failed attempts", path, writeErrors);
            failingReason = null;
        }
        up = true;
    }

    synchronized StoreHealth snapshot(long droppedRows) {
        return new StoreHealth(up, writeErrors, droppedRows, lastError);
    }
}

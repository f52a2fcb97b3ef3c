package io.joulebit.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.TreeMap;

/**
 * Health of one source with edge-triggered logging (STYLE.md rule 6): WARN on the first failure, DEBUG while it
 * repeats, INFO on recovery. Thread-safe: the source's sampling thread writes, the accountant reads.
 */
final class SourceTracker {
    private static final Logger LOG = LoggerFactory.getLogger(SourceTracker.class);
    private final String source;
    private final Map<String, Long> errors = new TreeMap<>();
    private boolean up = true;
    private String lastError = "";

    SourceTracker(String source) { this.source = source; }

    synchronized void success() {
        if (!up) LOG.info("source {} recovered", source);
        up = true;
    }

    synchronized void failure(String reason, String message) {
        errors.merge(reason, 1L, Long::sum);
        lastError = message;
        if (up) {
            LOG.warn("source {} failed ({}): {}; will keep trying", source, reason, message);
        } else {
            LOG.debug("source {} still failing ({}): {}", source, reason, message);
        }
        up = false;
    }

    synchronized SourceHealth health() { return new SourceHealth(source, up, errors, lastError); }
}

package io.joulebit.progress.tail;

import org.slf4j.Logger;

/** Edge-triggered logging for one concern: WARN when a problem starts, DEBUG while it repeats, INFO on recovery. */
final class EdgeLog {
    private final Logger log;
    private String failing; // reason of the problem currently logged, null when healthy

    EdgeLog(Logger log) { this.log = log; }

    synchronized void failure(String reason, String message, Object... args) {
        if (reason.equals(failing)) {
            log.debug(message, args);
        } else {
            log.warn(message, args);
            failing = reason;
        }
    }

    synchronized void recovered(String message, Object... args) {
        if (failing != null) {
            log.info(message, args);
            failing = null;
        }
    }
}

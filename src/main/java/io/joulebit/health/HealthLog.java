package io.joulebit.health;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * The health books of one component, kept the same way by every power source, the log tailer and the store
 * (node_exporter's per-collector bookkeeping; STYLE.md rules 6 and 13):
 * <ul>
 *   <li>failures counted by reason, each exactly once, at the place where it happened;</li>
 *   <li>the latest error message kept;</li>
 *   <li>logging edge-triggered per key (a device, a zone, "spawn", a store operation and its reason...): WARN when the
 *   key starts failing, DEBUG while it keeps failing, INFO when it recovers. A key that should warn again for a new
 *   reason carries the reason in the key.</li>
 * </ul>
 * Messages are SLF4J patterns logged on the component's own logger, so its name stays what operators filter on.
 * Thread-safe: the state changes under a lock, the logging happens outside it.
 */
public final class HealthLog {
    private final Logger log;
    private final Set<String> failing = new HashSet<>(); // keys failing now
    private final Set<String> noted = new HashSet<>();   // keys of notes already warned about
    private final Map<String, Long> counts = new HashMap<>();
    private String lastError = "";

    public HealthLog(Logger log) { this.log = log; }

    /** One failure of {@code key}: counted under {@code reason}, kept as the last error, logged on the edge. */
    public void failure(String key, String reason, String error, String format, Object... args) {
        book(failing, key, reason, error, format, args);
    }

    /** As above, logging the error itself. */
    public void failure(String key, String reason, String error) { failure(key, reason, error, "{}", error); }

    /**
     * A failure that is counted where it happened (or is no failure to count, such as a consumer that threw): logged on
     * the edge of {@code key} and kept as the last error, not counted.
     */
    public void problem(String key, String error, String format, Object... args) {
        book(failing, key, null, error, format, args);
    }

    /**
     * A counted anomaly that does not stop the component (a counter reset, a read past the wrap window): WARN the
     * first time per key, DEBUG ever after; it marks nothing as failing, so nothing recovers from it.
     */
    public void note(String key, String reason, String error, String format, Object... args) {
        book(noted, key, reason, error, format, args);
    }

    /** A failure counted and kept as the last error without logging (garbage rows; the caller logs what it needs). */
    public synchronized void count(String reason, String error) {
        counts.merge(reason, 1L, Long::sum);
        lastError = error;
    }

    /** {@code key} works (again): INFO once when it was failing, nothing otherwise. */
    public void recovered(String key, String format, Object... args) {
        boolean edge;
        synchronized (this) {
            edge = failing.remove(key);
        }
        if (edge) log.info(format, args);
    }

    /** Everything works again: INFO once when any key was failing, and all of them recover. */
    public void allRecovered(String format, Object... args) {
        boolean edge;
        synchronized (this) {
            edge = !failing.isEmpty();
            failing.clear();
        }
        if (edge) log.info(format, args);
    }

    public synchronized boolean failing(String key) { return failing.contains(key); }

    /** Up while no key fails. */
    public synchronized Health health() { return health(failing.isEmpty()); }

    /** For a component that knows better whether it is up (a stream that has not delivered yet, a skipped device). */
    public synchronized Health health(boolean up) { return new Health(up, new TreeMap<>(counts), lastError); }

    /** Counts under reason (unless null), keeps the error; WARN when key joins keys, DEBUG when it was there. */
    private void book(Set<String> keys, String key, String reason, String error, String format, Object[] args) {
        boolean edge;
        synchronized (this) {
            if (reason != null) counts.merge(reason, 1L, Long::sum);
            lastError = error;
            edge = keys.add(key);
        }
        log.atLevel(edge ? Level.WARN : Level.DEBUG).log(format, args);
    }
}

package io.joulebit.power.rapl;

import org.slf4j.Logger;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts problems by reason and logs per zone edge-triggered: WARN on the first failure, DEBUG while it repeats, INFO on recovery. */
final class RaplHealth {
    private final Logger log;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<String, Boolean> failing = new ConcurrentHashMap<>();
    private final Map<String, Boolean> noted = new ConcurrentHashMap<>();

    RaplHealth(Logger log) { this.log = log; }

    /** A failed read of a zone. Permission is warned about separately (once, with the fix). */
    void fail(String zone, String reason, String message) {
        count(reason);
        boolean already = Boolean.TRUE.equals(failing.put(zone, true));
        if (already || reason.equals("permission")) log.debug("rapl {}: {}", zone, message);
        else log.warn("rapl {}: {}", zone, message);
    }

    /** A counted anomaly on a read that still produced a sample; WARN the first time per zone and reason. */
    void note(String zone, String reason, String message) {
        count(reason);
        if (noted.putIfAbsent(zone + "/" + reason, true) == null) log.warn("rapl {}: {}", zone, message);
        else log.debug("rapl {}: {}", zone, message);
    }

    void ok(String zone) {
        if (Boolean.TRUE.equals(failing.put(zone, false))) log.info("rapl {}: readable again", zone);
    }

    Map<String, Long> counts() {
        Map<String, Long> m = new TreeMap<>();
        counts.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    private void count(String reason) { counts.computeIfAbsent(reason, k -> new LongAdder()).increment(); }
}

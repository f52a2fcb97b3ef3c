package io.joulebit.power.gpu;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;

/** Edge-triggered logging per key: WARN the first time a problem appears, DEBUG while it repeats, INFO on recovery. */
public final class EdgeLog {
    private final Logger log;
    private final ConcurrentMap<String, Boolean> failing = new ConcurrentHashMap<>();

    public EdgeLog(Logger log) { this.log = log; }

    public void problem(String key, String message) {
        if (failing.putIfAbsent(key, Boolean.TRUE) == null) {
            log.warn("{}", message);
        } else {
            log.debug("{}", message);
        }
    }

    public void recovered(String key, String message) {
        if (failing.remove(key) != null) {
            log.info("{}", message);
        }
    }
}

package io.joulebit.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Downtimes that stayed uncovered after a resume, by device and reason (joulebit_resume_gaps_total): each is logged
 * once, as it is decided. Thread-safe (decided on the accountant thread, read by any exporter).
 */
public final class ResumeGaps {
    private static final Logger LOG = LoggerFactory.getLogger(ResumeGaps.class);
    private final Map<String, Map<String, AtomicLong>> counts = new ConcurrentHashMap<>();

    public void record(String device, String reason, double seconds, String detail) {
        counts.computeIfAbsent(device, d -> new ConcurrentHashMap<>())
                .computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
        LOG.warn("{}: the {} s the agent was down stay uncovered ({}: {})", device,
                String.format(Locale.ROOT, "%.1f", seconds), reason, detail);
    }

    /** device → reason → count, sorted (stable exposition). */
    public Map<String, Map<String, Long>> counts() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        counts.forEach((d, m) -> {
            Map<String, Long> r = new TreeMap<>();
            m.forEach((k, v) -> r.put(k, v.get()));
            out.put(d, r);
        });
        return out;
    }
}

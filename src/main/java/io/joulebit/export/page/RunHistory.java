package io.joulebit.export.page;

import io.joulebit.run.DeviceReading;
import io.joulebit.run.RunSnapshot;
import io.joulebit.run.SourceHealth;

import java.time.InstantSource;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the live page shows over time: the chart ring, and when each power source last reported an error (a snapshot
 * only counts errors; the page says "nvidia-smi stalled 12 s ago"). Fed by the accountant after each publication,
 * stamped with the injected wall clock.
 */
public final class RunHistory {
    private final HistoryRing ring;
    private final InstantSource wall;
    private final Map<String, LastError> lastErrors = new HashMap<>();
    private final Map<String, Map<String, Long>> seen = new HashMap<>();

    /** When a source's error count last rose, for which reason, and that reason's count then. */
    public record LastError(String reason, double epochSeconds, long count) {}

    public RunHistory(HistoryRing ring, InstantSource wall) {
        this.ring = ring;
        this.wall = wall;
    }

    public HistoryRing ring() { return ring; }

    public double now() { return wall.millis() / 1000.0; }

    /** Called on the accountant thread after each publication; never blocks on anything but the ring's lock. */
    public void onPublish(RunSnapshot s) {
        double t = now();
        Map<String, Double> watts = new LinkedHashMap<>();
        for (DeviceReading d : s.devices()) watts.put(d.device(), d.watts());
        ring.record(t, Series.of(s), watts);
        synchronized (lastErrors) {
            for (SourceHealth h : s.sources()) noteErrors(h, t);
        }
    }

    /** Notes the reason whose count rose most since the last publication (the first sight counts as a rise). */
    private void noteErrors(SourceHealth h, double t) {
        Map<String, Long> before = seen.getOrDefault(h.source(), Map.of());
        seen.put(h.source(), h.errorsByReason());
        h.errorsByReason().entrySet().stream()
                .filter(e -> e.getValue() > before.getOrDefault(e.getKey(), 0L))
                .max(Comparator.comparingLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .ifPresent(e -> lastErrors.put(h.source(), new LastError(e.getKey(), t, e.getValue())));
    }

    public Optional<LastError> lastError(String source) {
        synchronized (lastErrors) {
            return Optional.ofNullable(lastErrors.get(source));
        }
    }
}

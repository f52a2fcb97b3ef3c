package io.joulebit.export;

import io.prometheus.metrics.model.snapshots.Labels;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The label sets of device and health series, built once: client_java checks every name against its naming rules
 * and sorts the pairs on each {@code Labels.of}, which was a fair part of a scrape's CPU at 9 devices. Devices,
 * kinds, sources and reasons are few (ARCHITECTURE.md: labels stay low-cardinality); past a bound nothing is kept.
 */
final class LabelCache {
    private static final int MAX = 4096;
    private static final Map<List<String>, Labels> CACHE = new ConcurrentHashMap<>();

    private LabelCache() {}

    /** Same as {@code Labels.of(namesAndValues)}. */
    static Labels of(String... namesAndValues) {
        List<String> key = List.of(namesAndValues);
        Labels l = CACHE.get(key);
        if (l == null) {
            l = Labels.of(namesAndValues);
            if (CACHE.size() < MAX) CACHE.put(key, l);
        }
        return l;
    }
}

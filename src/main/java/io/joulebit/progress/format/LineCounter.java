package io.joulebit.progress.format;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counts lines by {@link LineKind}, for {@code progress_lines_total{result}}; safe to read from another thread. */
public final class LineCounter {
    private final Map<LineKind, LongAdder> counts = new EnumMap<>(LineKind.class);

    public LineCounter() {
        for (LineKind k : LineKind.values()) counts.put(k, new LongAdder());
    }

    public void add(LineKind kind) { counts.get(kind).increment(); }

    public long count(LineKind kind) { return counts.get(kind).sum(); }

    public long total() {
        long t = 0;
        for (LongAdder a : counts.values()) t += a.sum();
        return t;
    }
}

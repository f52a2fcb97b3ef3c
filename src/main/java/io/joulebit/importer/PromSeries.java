package io.joulebit.importer;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** One series of a range query: its labels and its points in time order (seconds since the epoch, values). */
public record PromSeries(Map<String, String> labels, double[] times, double[] values) {
    public PromSeries {
        labels = new TreeMap<>(Objects.requireNonNull(labels, "labels"));
        if (times.length != values.length) throw new IllegalArgumentException("times and values differ in length");
    }

    public String label(String name) { return labels.getOrDefault(name, ""); }

    /** The labels without __name__, as a selector would print them: {a="b", c="d"}. */
    public String labelSet() {
        StringBuilder sb = new StringBuilder("{");
        labels.forEach((k, v) -> {
            if (sb.length() > 1) sb.append(", ");
            sb.append(k).append("=\"").append(v).append('"');
        });
        return sb.append('}').toString();
    }

    public int size() { return times.length; }
}

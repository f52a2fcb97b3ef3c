package io.joulebit.export;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects metric families for one scrape. Non-finite values are dropped here, once, so no exporter can emit NaN
 * or ±Inf (absent is not zero, and never NaN). Names are given without the joulebit_ prefix and without _total.
 */
final class Families {
    static final String PREFIX = "joulebit_";

    record Point(Labels labels, double value) {}

    record Family(String kind, String help, List<Point> points) {}

    private final Map<String, Family> families = new LinkedHashMap<>();

    void gauge(String name, String help, Labels labels, double value) { add("gauge", name, help, labels, value); }

    void counter(String name, String help, Labels labels, double value) { add("counter", name, help, labels, value); }

    void info(String name, String help, Labels labels) { add("info", name, help, labels, 1); }

    /** Declare a family so its HELP/TYPE appear even before it has a value (e.g. a counter at its first scrape). */
    void declare(String kind, String name, String help) {
        families.computeIfAbsent(name, n -> new Family(kind, help, new ArrayList<>()));
    }

    private void add(String kind, String name, String help, Labels labels, double value) {
        Family f = families.computeIfAbsent(name, n -> new Family(kind, help, new ArrayList<>()));
        if (Double.isFinite(value)) f.points().add(new Point(labels, value));
    }

    MetricSnapshots build() {
        List<MetricSnapshot> out = new ArrayList<>(families.size());
        families.forEach((name, f) -> {
            if (f.points().isEmpty()) return; // a family with no sample says nothing true; leave it out
            String full = PREFIX + name;
            switch (f.kind()) {
                case "counter" -> {
                    CounterSnapshot.Builder b = CounterSnapshot.builder().name(full).help(f.help());
                    f.points().forEach(p -> b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                            .labels(p.labels()).value(p.value()).build()));
                    out.add(b.build());
                }
                case "info" -> {
                    InfoSnapshot.Builder b = InfoSnapshot.builder().name(full).help(f.help());
                    f.points().forEach(p -> b.dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder()
                            .labels(p.labels()).build()));
                    out.add(b.build());
                }
                default -> {
                    GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(full).help(f.help());
                    f.points().forEach(p -> b.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                            .labels(p.labels()).value(p.value()).build()));
                    out.add(b.build());
                }
            }
        });
        return new MetricSnapshots(out);
    }
}

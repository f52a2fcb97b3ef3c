package io.joulebit.export.micrometer;

import io.joulebit.export.MetricsRoute;
import io.joulebit.run.RunSnapshot;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Label;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The run's families (docs/METRICS.md: run, device, health) as Micrometer meters in a caller's registry, read from
 * the same client_java snapshots as /metrics. A meter is registered when its figure first exists and removed when
 * its series leaves /metrics (a cleared run_flag), so an undefined figure is absent, never NaN or 0. Values are read
 * from the latest snapshot when the registry reads the meter; new series are registered by {@link #refresh()}
 * (the agent calls it after a publish, and any read of a meter that meets a new snapshot does too).
 */
public final class RunMeterBinder implements MeterBinder {
    private record Key(String family, List<Tag> tags) {}

    private record Series(MetricSnapshot family, DataPointSnapshot point, double value) {}

    private final Supplier<RunSnapshot> latest;
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    /** Last value of every series ever seen: a meter read in the instant before its removal still has a number. */
    private final Map<Key, Double> values = new ConcurrentHashMap<>();
    private final Map<MeterRegistry, Map<Key, Meter>> meters = new HashMap<>();
    private volatile RunSnapshot seen;

    public RunMeterBinder(Supplier<RunSnapshot> latest) { this.latest = latest; }

    @Override
    public void bindTo(MeterRegistry registry) {
        synchronized (this) {
            registries.add(registry);
            meters.put(registry, new HashMap<>());
            seen = null;
        }
        refresh();
    }

    /** Take in the latest snapshot: update values, register new series, remove vanished ones. Cheap when unchanged. */
    public void refresh() {
        if (registries.isEmpty()) return;
        RunSnapshot s = latest.get();
        if (s == null || s == seen) return;
        synchronized (this) {
            if (s == seen) return;
            Map<Key, Series> now = series(s);
            now.forEach((k, v) -> values.put(k, v.value()));
            for (MeterRegistry r : registries) {
                Map<Key, Meter> mine = meters.get(r);
                now.forEach((k, v) -> mine.computeIfAbsent(k, key -> register(r, key, v)));
                mine.entrySet().removeIf(e -> {
                    if (now.containsKey(e.getKey())) return false;
                    r.remove(e.getValue());
                    return true;
                });
            }
            seen = s;
        }
    }

    private double value(Key k) {
        refresh();
        return values.getOrDefault(k, 0.0);
    }

    private Meter register(MeterRegistry r, Key k, Series v) {
        MetricSnapshot f = v.family();
        String help = f.getMetadata().getHelp();
        if (f instanceof CounterSnapshot) {
            MeterName n = MeterName.of(f.getMetadata().getName());
            return FunctionCounter.builder(n.name(), this, b -> b.value(k)).description(help).baseUnit(n.baseUnit())
                    .tags(k.tags()).register(r);
        }
        // an info family: a gauge of 1, named so that Prometheus reads joulebit_<name>_info
        MeterName n = f instanceof InfoSnapshot ? new MeterName(f.getMetadata().getName().replace('_', '.') + ".info",
                null) : MeterName.of(f.getMetadata().getName());
        return Gauge.builder(n.name(), this, b -> b.value(k)).description(help).baseUnit(n.baseUnit())
                .tags(k.tags()).strongReference(true).register(r);
    }

    private static Map<Key, Series> series(RunSnapshot s) {
        Map<Key, Series> out = new HashMap<>();
        for (MetricSnapshot f : MetricsRoute.families(s)) {
            for (DataPointSnapshot p : f.getDataPoints()) {
                List<Tag> tags = new ArrayList<>();
                for (Label l : p.getLabels()) tags.add(Tag.of(l.getName(), l.getValue()));
                double v = p instanceof CounterSnapshot.CounterDataPointSnapshot c ? c.getValue()
                        : p instanceof GaugeSnapshot.GaugeDataPointSnapshot g ? g.getValue() : 1;
                out.put(new Key(f.getMetadata().getName(), List.copyOf(tags)), new Series(f, p, v));
            }
        }
        return out;
    }
}

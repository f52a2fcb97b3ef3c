package io.joulebit.run;

import io.joulebit.health.Health;
import io.joulebit.health.HealthLog;
import io.joulebit.power.DeviceExtras;
import io.joulebit.power.PowerSample;
import io.joulebit.power.PowerSource;
import io.joulebit.power.SourceException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples every chosen power source at a fixed rate, each on its own thread, so a slow or wedged source delays
 * neither the others nor a scrape. Readings go to the accountant's queue. Each source's failed sample() goes into that
 * source's health (edge-triggered log, counted by reason, last error) unless the source counted it itself.
 */
public final class PowerSampler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PowerSampler.class);
    private final List<PowerSource> sources;
    private final List<HealthLog> trackers = new ArrayList<>();
    private final List<ScheduledExecutorService> threads = new ArrayList<>();
    private final Duration interval;

    public PowerSampler(List<PowerSource> sources, Duration interval) {
        this.sources = List.copyOf(sources);
        this.interval = interval;
        for (int i = 0; i < this.sources.size(); i++) trackers.add(new HealthLog(LOG));
    }

    public void start(Consumer<List<PowerSample>> sink) {
        long period = interval.toNanos();
        for (int i = 0; i < sources.size(); i++) {
            PowerSource source = sources.get(i);
            HealthLog tracker = trackers.get(i);
            ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "joulebit-sample-" + source.name());
                t.setDaemon(true);
                return t;
            });
            threads.add(exec);
            exec.scheduleAtFixedRate(() -> sampleOnce(source, tracker, sink), 0, period, TimeUnit.NANOSECONDS);
        }
    }

    /** One round over every source on the calling thread, as the schedule does it (tests drive time this way). */
    void sampleNow(Consumer<List<PowerSample>> sink) {
        for (int i = 0; i < sources.size(); i++) sampleOnce(sources.get(i), trackers.get(i), sink);
    }

    /** One reading of one source; never throws (an escaping exception would cancel the schedule). */
    static void sampleOnce(PowerSource source, HealthLog tracker, Consumer<List<PowerSample>> sink) {
        String name = source.name();
        try {
            List<PowerSample> samples = source.sample();
            tracker.recovered(name, "source {} recovered", name);
            if (!samples.isEmpty()) sink.accept(samples);
        } catch (SourceException e) {
            if (e.isCounted()) {
                tracker.problem(name, e.getMessage(), FAILED, name, e.reason(), e.getMessage());
            } else {
                tracker.failure(name, e.reason(), e.getMessage(), FAILED, name, e.reason(), e.getMessage());
            }
        } catch (RuntimeException e) {
            tracker.failure(name, "internal", e.toString(), FAILED, name, "internal", e.toString());
        }
    }

    private static final String FAILED = "source {} failed ({}): {}; will keep trying";

    public List<SourceHealth> health() {
        List<SourceHealth> out = new ArrayList<>(trackers.size());
        for (int i = 0; i < trackers.size(); i++) {
            Health t = trackers.get(i).health();
            PowerSource s = sources.get(i);
            Health own = s.health();
            // Each failure is counted once: by the source where it happened, or here when the source did not.
            Map<String, Long> errors = new TreeMap<>(t.errorsByReason());
            own.errorsByReason().forEach((k, v) -> errors.merge(k, v, Long::sum));
            out.add(new SourceHealth(s.name(), t.up() && own.up(), errors, t.lastError(), extras(s)));
        }
        return out;
    }

    private static Map<String, DeviceExtras> extras(PowerSource s) {
        try {
            return s.deviceExtras();
        } catch (RuntimeException e) {
            return Map.of(); // extras are a nicety; never let one cost the health report
        }
    }

    @Override
    public void close() {
        for (ScheduledExecutorService t : threads) t.shutdownNow();
        for (PowerSource s : sources) {
            try {
                s.close();
            } catch (RuntimeException ignored) {
                // closing is best effort; the process is going away or the source is being replaced
            }
        }
    }
}

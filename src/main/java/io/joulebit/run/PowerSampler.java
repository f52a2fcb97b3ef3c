package io.joulebit.run;

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

/**
 * Samples every chosen power source at a fixed rate, each on its own thread, so a slow or wedged source delays
 * neither the others nor a scrape. Readings go to the accountant's queue; failures are counted per source.
 */
public final class PowerSampler implements AutoCloseable {
    private final List<PowerSource> sources;
    private final List<SourceTracker> trackers = new ArrayList<>();
    private final List<ScheduledExecutorService> threads = new ArrayList<>();
    private final Duration interval;

    public PowerSampler(List<PowerSource> sources, Duration interval) {
        this.sources = List.copyOf(sources);
        this.interval = interval;
        for (PowerSource s : this.sources) trackers.add(new SourceTracker(s.name()));
    }

    public void start(Consumer<List<PowerSample>> sink) {
        long period = interval.toNanos();
        for (int i = 0; i < sources.size(); i++) {
            PowerSource source = sources.get(i);
            SourceTracker tracker = trackers.get(i);
            ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "joulebit-sample-" + source.name());
                t.setDaemon(true);
                return t;
            });
            threads.add(exec);
            exec.scheduleAtFixedRate(() -> sampleOnce(source, tracker, sink), 0, period, TimeUnit.NANOSECONDS);
        }
    }

    /** One reading of one source; never throws (an escaping exception would cancel the schedule). */
    static void sampleOnce(PowerSource source, SourceTracker tracker, Consumer<List<PowerSample>> sink) {
        try {
            List<PowerSample> samples = source.sample();
            tracker.success();
            if (!samples.isEmpty()) sink.accept(samples);
        } catch (SourceException e) {
            tracker.failure(e.reason(), e.getMessage());
        } catch (RuntimeException e) {
            tracker.failure("internal", e.toString());
        }
    }

    public List<SourceHealth> health() {
        List<SourceHealth> out = new ArrayList<>(trackers.size());
        for (int i = 0; i < trackers.size(); i++) {
            SourceHealth t = trackers.get(i).health();
            PowerSource s = sources.get(i);
            Map<String, Long> errors = new TreeMap<>(t.errorsByReason());
            // A source that counts its own failed reads and also throws for them (rapl) reports each failure to both
            // counters: take the larger, never the sum, so one failure counts once.
            s.errorsByReason().forEach((k, v) -> errors.merge(k, v, Math::max));
            out.add(new SourceHealth(t.source(), t.up() && s.healthy(), errors, t.lastError(), extras(s)));
        }
        return out;
    }

    private static Map<String, io.joulebit.power.DeviceExtras> extras(PowerSource s) {
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

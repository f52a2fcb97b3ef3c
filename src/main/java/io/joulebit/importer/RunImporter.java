package io.joulebit.importer;

import io.joulebit.agent.StoreBridge;
import io.joulebit.power.PowerSample;
import io.joulebit.progress.StepEvent;
import io.joulebit.progress.TokenOrigin;
import io.joulebit.run.RunAccountant;
import io.joulebit.run.RunSettings;
import io.joulebit.run.RunSnapshot;
import io.joulebit.store.ConnectionFactory;
import io.joulebit.store.RunRecord;
import io.joulebit.store.RunStore;
import io.joulebit.store.StoreException;
import io.joulebit.store.StoreOptions;
import io.joulebit.store.StoreReader;
import io.joulebit.time.ManualNanoClock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Writes a past run into the store by replaying it through the live agent's own accountant and store bridge: the
 * Prometheus readings as power samples, the log's steps at their places in the window, on a clock that runs in the
 * run's own time. So `audit` reads an imported run exactly as a watched one, with the same ledger (counter resets,
 * gaps) and the same figures. Everything that can fail on the user's input is checked before the store is touched.
 */
public final class RunImporter {
    /** Monotonic time of the window's start: positive, so no reading looks unstamped. */
    private static final long BASE_NANOS = 1_000_000_000L;
    private static final Duration LIVE_MAX_GAP = Duration.ofSeconds(10);

    /** What to import, as the command line gave it (already parsed). */
    public record Request(String runId, LogSteps steps, RunWindow window, EnergyPreset preset, String selector,
                          List<DeviceTrace> traces, String prometheus, OptionalLong params, Path store) {}

    /** What was written. */
    public record Result(String runId, RunSnapshot last, int samples, Duration maxGap) {}

    private RunImporter() {}

    public static Result write(Request r) throws ImportException {
        refuseExisting(r.store(), r.runId());
        Duration maxGap = maxGap(r.traces());
        RunSettings settings = RunSettings.defaults(r.runId()).withMaxGap(maxGap);
        if (r.params().isPresent()) settings = settings.withParams(r.params().getAsLong());
        ManualNanoClock mono = new ManualNanoClock(BASE_NANOS);
        Instant from = r.window().from();
        InstantSource wall = () -> from.plusNanos(mono.nanoTime() - BASE_NANOS);
        List<Event> events = events(r, from);
        try {
            if (r.store().getParent() != null) Files.createDirectories(r.store().getParent());
        } catch (IOException e) {
            throw new ImportException(1, r.store() + ": cannot create its folder: " + e.getMessage(), e);
        }
        int samples = 0;
        RunSnapshot last;
        try (RunStore store = RunStore.open(StoreOptions.defaults(r.store()).withClocks(wall, mono))) {
            if (!store.health().up()) throw new ImportException(1, r.store() + ": store unusable: " + store.health());
            store.startRun(new RunRecord(r.runId(), Instant.now(), Optional.of(from),
                    Optional.empty(), describe(r), labels(r), r.params()));
            RunAccountant acc = new RunAccountant(settings, mono, wall);
            acc.tokenOrigin(() -> TokenOrigin.LOG);
            StoreBridge bridge = new StoreBridge(store, settings, wall, mono, checkpointInterval(r.window()));
            long lastPublish = Long.MIN_VALUE;
            for (Event e : events) {
                mono.set(e.mono());
                if (e.sample() != null) {
                    acc.onPower(e.sample());
                    bridge.power(List.of(e.sample()));
                    samples++;
                } else {
                    acc.onStep(e.step());
                    bridge.step(e.step());
                }
                if (e.mono() - lastPublish >= 1_000_000_000L) {
                    bridge.onPublish(acc.publish());
                    lastPublish = e.mono();
                }
            }
            mono.set(Math.max(mono.nanoTime(), BASE_NANOS + Duration.between(from, r.window().to()).toNanos()));
            last = acc.publish();
            bridge.finish(last);
            if (!store.flush(Duration.ofSeconds(60))) {
                throw new ImportException(1, r.store() + ": the store did not take the run: " + store.health());
            }
        }
        return new Result(r.runId(), last, samples, maxGap);
    }

    private record Event(long mono, PowerSample sample, StepEvent step) {}

    private static List<Event> events(Request r, Instant from) {
        double t0 = from.toEpochMilli() / 1000.0;
        List<Event> out = new ArrayList<>();
        for (DeviceTrace t : r.traces()) {
            for (int i = 0; i < t.size(); i++) {
                long mono = BASE_NANOS + Math.round((t.times()[i] - t0) * 1e9);
                PowerSample s = t.measure() == EnergyPreset.Kind.COUNTER
                        ? PowerSample.of(t.device(), t.kind(), r.preset().source(), mono, Double.NaN)
                                .withEnergyJoules(t.values()[i])
                        : PowerSample.of(t.device(), t.kind(), r.preset().source(), mono, t.values()[i]);
                out.add(new Event(mono, s, null));
            }
        }
        for (StepTimeline.Timed s : StepTimeline.place(r.steps().events(), r.window())) {
            long mono = BASE_NANOS + Math.round((s.epochSeconds() - t0) * 1e9);
            out.add(new Event(mono, null, s.event().withMonoNanos(mono)));
        }
        out.sort(Comparator.comparingLong(Event::mono)); // stable: a step keeps its file order
        return out;
    }

    /** Three scrape intervals (the median spacing of the sparsest device), never less than the live agent's 10 s. */
    static Duration maxGap(List<DeviceTrace> traces) {
        double widest = 0;
        for (DeviceTrace t : traces) {
            if (t.size() < 2) continue;
            double[] d = new double[t.size() - 1];
            for (int i = 1; i < t.size(); i++) d[i - 1] = t.times()[i] - t.times()[i - 1];
            Arrays.sort(d);
            widest = Math.max(widest, d[d.length / 2]);
        }
        Duration g = Duration.ofMillis(Math.round(3 * widest * 1000));
        return g.compareTo(LIVE_MAX_GAP) < 0 ? LIVE_MAX_GAP : g;
    }

    /** About 2,000 checkpoints over the run, at least one every 5 s of its time. */
    private static Duration checkpointInterval(RunWindow w) {
        long ms = Duration.between(w.from(), w.to()).toMillis() / 2000;
        return Duration.ofMillis(Math.max(5000, ms));
    }

    private static void refuseExisting(Path db, String runId) throws ImportException {
        if (!Files.isRegularFile(db)) return;
        try (StoreReader reader = StoreReader.open(db, ConnectionFactory.SQLITE_READ_ONLY)) {
            if (reader.loadRun(runId).isPresent()) {
                throw new ImportException(2, "--run-id " + runId + ": " + db + " already holds a run of that id; "
                        + "choose another id");
            }
        } catch (StoreException e) {
            throw new ImportException(1, db + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> labels(Request r) {
        return Map.of("origin", "imported", "import_prometheus", r.prometheus(), "import_energy", r.preset().name());
    }

    /** The import's own description, kept where a live run keeps its config. */
    private static String describe(Request r) {
        StringBuilder sb = new StringBuilder("import:\n");
        sb.append("  prometheus: ").append(r.prometheus()).append('\n');
        sb.append("  energy: ").append(r.preset().name()).append('\n');
        sb.append("  selector: '").append(r.selector() == null ? "" : r.selector().replace("'", "''")).append("'\n");
        sb.append("  queries:\n");
        r.traces().stream().map(DeviceTrace::query).distinct()
                .forEach(q -> sb.append("    - '").append(q.replace("'", "''")).append("'\n"));
        sb.append("  window: {from: ").append(r.window().from()).append(", to: ").append(r.window().to())
                .append(", origin: ").append(r.window().origin()).append("}\n");
        sb.append("  log_format: ").append(r.steps().format()).append('\n');
        sb.append("  step_placement: ").append(StepTimeline.PLACEMENT).append('\n');
        return sb.toString();
    }
}

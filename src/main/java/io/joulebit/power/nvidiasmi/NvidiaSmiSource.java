package io.joulebit.power.nvidiasmi;

import io.joulebit.health.Health;
import io.joulebit.power.Availability;
import io.joulebit.power.PowerSample;
import io.joulebit.power.PowerSource;
import io.joulebit.power.gpu.GpuInfo;
import io.joulebit.power.gpu.GpuSelection;
import io.joulebit.time.NanoClock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * GPU power from one long-lived {@code nvidia-smi --query-gpu … -lms N} process (source label "nvidia-smi").
 * Rows are matched to GPUs by uuid (index when no uuid), never by position; {@link #sample()} returns the latest fresh
 * row of every selected GPU and never waits on the process. A row older than 3 intervals is not returned (stale).
 */
public final class NvidiaSmiSource implements PowerSource {
    public static final String NAME = "nvidia-smi";

    private record Latest(SmiRow row, long monoNanos) {}

    private final NvidiaSmiConfig config;
    private final NanoClock clock;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final SmiStream stream;
    private final Map<String, Latest> latest = new ConcurrentHashMap<>();
    private final LongAdder rows = new LongAdder();
    private final AtomicBoolean up = new AtomicBoolean();

    /** Real clock, own single-thread scheduler (stopped by close()). */
    public NvidiaSmiSource(NvidiaSmiConfig config) {
        this(config, NanoClock.SYSTEM, Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nvidia-smi-supervisor");
            t.setDaemon(true);
            return t;
        }), true);
    }

    /** Injected clock and scheduler (not shut down by close()). */
    public NvidiaSmiSource(NvidiaSmiConfig config, NanoClock clock, ScheduledExecutorService scheduler) {
        this(config, clock, scheduler, false);
    }

    private NvidiaSmiSource(NvidiaSmiConfig config, NanoClock clock, ScheduledExecutorService scheduler, boolean owns) {
        this.config = config;
        this.clock = clock;
        this.scheduler = scheduler;
        this.ownsScheduler = owns;
        this.stream = new SmiStream(config, clock, scheduler, new Sink());
    }

    @Override public String name() { return NAME; }

    /** Starts the long-lived process (idempotent; sample() calls it too). */
    public void start() { stream.start(); }

    /** One short bounded run listing the GPUs; never throws. Does not start the stream. */
    @Override
    public Availability probe() {
        List<String> argv = new ArrayList<>(config.command());
        argv.add("--query-gpu=index,uuid,name");
        argv.add("--format=csv,noheader,nounits");
        BoundedCommand.Result r;
        try {
            r = BoundedCommand.run(argv, config.probeTimeout());
        } catch (IOException e) {
            return Availability.unavailable("nvidia-smi not found: " + e.getMessage());
        } catch (RuntimeException e) {
            return Availability.unavailable("nvidia-smi could not be run: " + e);
        }
        if (r.timedOut()) {
            return Availability.unavailable("nvidia-smi did not answer within " + config.probeTimeout());
        }
        if (r.exitCode() != 0) {
            return Availability.unavailable("nvidia-smi failed (exit " + r.exitCode() + "): " + r.firstLine());
        }
        SmiCsvParser parser = new SmiCsvParser(List.of("index", "uuid", "name"));
        List<String> all = new ArrayList<>();
        List<String> chosen = new ArrayList<>();
        for (String line : r.output().split("\n")) {
            parser.parse(line).row().ifPresent(row -> {
                all.add(row.gpu().device());
                if (config.selection().includes(row.gpu())) {
                    chosen.add(row.gpu().device());
                }
            });
        }
        if (all.isEmpty()) {
            return Availability.unavailable("nvidia-smi listed no GPU: " + r.firstLine());
        }
        if (chosen.isEmpty()) {
            return Availability.unavailable("no GPU selected by " + config.selection() + " among " + all);
        }
        return Availability.available(chosen.size() + " of " + all.size() + " GPUs via " + config.command(), chosen);
    }

    @Override
    public List<PowerSample> sample() {
        start();
        long cutoff = clock.nanoTime() - config.staleAfter().toNanos();
        List<PowerSample> out = new ArrayList<>();
        latest.values().stream()
                .filter(l -> l.monoNanos() >= cutoff && config.selection().includes(l.row().gpu()))
                .sorted(Comparator.comparingInt(l -> l.row().gpu().index()))
                .forEach(l -> out.add(l.row().toSample(NAME, l.monoNanos())));
        return out;
    }

    /** Every selected GPU seen so far (uuid and name for run_info-style labels). */
    public List<GpuInfo> gpus() {
        GpuSelection sel = config.selection();
        return latest.values().stream().map(l -> l.row().gpu()).filter(sel::includes)
                .sorted(Comparator.comparingInt(GpuInfo::index)).toList();
    }

    /** Up while rows flow; troubles by reason as listed on {@link SmiStream}'s health. */
    @Override public Health health() { return stream.health(up.get()); }

    /** Processes started after the first one. */
    public long restarts() { return stream.restarts(); }

    /** Rows parsed since start. */
    public long rowsTotal() { return rows.sum(); }

    /** Receives the stream's rows and troubles; kept private so nothing else can feed the table. */
    private final class Sink implements SmiStream.Sink {
        @Override
        public void row(SmiRow row, long monoNanos) {
            String key = row.gpu().uuid().isEmpty() ? "index:" + row.gpu().index() : row.gpu().uuid();
            latest.put(key, new Latest(row, monoNanos));
            rows.increment();
        }

        @Override
        public void up(boolean isUp) { up.set(isUp); }
    }

    @Override
    public void close() {
        stream.close();
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
    }
}

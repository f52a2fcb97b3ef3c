package io.joulebit.power.nvidiasmi;

import io.joulebit.health.Health;
import io.joulebit.health.HealthLog;
import io.joulebit.time.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps ONE long-lived {@code nvidia-smi --query-gpu=… -lms N} running: reads its stdout on its own thread, restarts it
 * with exponential backoff when it exits, and kills its whole process tree when no row came for 3 intervals.
 */
final class SmiStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SmiStream.class);

    /** Where rows go (the source's latest-row table) and whether they flow. */
    interface Sink {
        void row(SmiRow row, long monoNanos);

        void up(boolean up);
    }

    private final class Generation {
        final Process process;
        final long startNanos;
        volatile long lastRowNanos = Long.MIN_VALUE;
        volatile boolean killed;
        volatile String lastStderr = "";

        Generation(Process process, long startNanos) {
            this.process = process;
            this.startNanos = startNanos;
        }
    }

    private final NvidiaSmiConfig config;
    private final NanoClock clock;
    private final ScheduledExecutorService scheduler;
    private final Sink sink;
    private final Backoff backoff;
    /**
     * Troubles by reason: spawn (binary missing/not executable), probe_timeout, probe_failed, exited, stalled (no row
     * for 3 intervals: killed), partial (line cut off), garbage (unparseable line), overlong.
     */
    private final HealthLog health = new HealthLog(LOG);
    private volatile SmiCsvParser parser;
    private Generation current; // guarded by this
    private boolean started;
    private boolean closed;
    private long launches;
    private ScheduledFuture<?> watchdog;

    SmiStream(NvidiaSmiConfig config, NanoClock clock, ScheduledExecutorService scheduler, Sink sink) {
        this.config = config;
        this.clock = clock;
        this.scheduler = scheduler;
        this.sink = sink;
        this.backoff = new Backoff(config.backoffInitial(), config.backoffMax());
    }

    synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        long period = config.interval().toNanos();
        watchdog = scheduler.scheduleAtFixedRate(this::watch, period, period, TimeUnit.NANOSECONDS);
        scheduler.execute(this::launch);
    }

    /** The troubles counted so far; up as the caller knows it (rows flowing). */
    Health health(boolean up) { return health.health(up); }

    /** Processes started after the first. */
    synchronized long restarts() { return Math.max(0, launches - 1); }

    private void launch() {
        if (isClosed()) {
            return;
        }
        if (parser == null && !decideFields()) {
            scheduleRestart();
            return;
        }
        List<String> argv = new ArrayList<>(config.command());
        argv.add("--query-gpu=" + String.join(",", parser.fields()));
        argv.add("--format=csv,noheader,nounits");
        argv.add("-lms");
        argv.add(Long.toString(config.interval().toMillis()));
        Process p;
        try {
            p = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            health.failure("spawn", "spawn", "nvidia-smi could not be started: " + e.getMessage());
            scheduleRestart();
            return;
        }
        try {
            p.getOutputStream().close(); // nvidia-smi reads no stdin
        } catch (IOException e) {
            LOG.debug("closing nvidia-smi stdin: {}", e.toString());
        }
        Generation g = new Generation(p, clock.nanoTime());
        synchronized (this) {
            launches++;
            if (closed) {
                ProcessTrees.killTree(p);
                return;
            }
            current = g;
        }
        health.recovered("spawn", "nvidia-smi started again");
        thread("nvidia-smi-stdout", () -> read(g)).start();
        thread("nvidia-smi-stderr", () -> drainStderr(g)).start();
    }

    /** Learns once whether the driver knows power.draw.average/instant; false = try again later. */
    private boolean decideFields() {
        SmiPowerProbe.Outcome o = SmiPowerProbe.run(config.command(), config.probeTimeout());
        if (!o.decided()) {
            health.failure("probe", o.errorReason(), o.message());
            return false;
        }
        parser = new SmiCsvParser(o.fields());
        health.recovered("probe", "nvidia-smi answers again");
        LOG.debug("nvidia-smi power fields: {}", o.message());
        return true;
    }

    private void read(Generation g) {
        String tail = "";
        try {
            tail = LineSplitter.pump(g.process.getInputStream(), line -> onLine(g, line),
                    () -> health.count("overlong", "nvidia-smi printed an over-long line"));
        } catch (IOException e) {
            // the tree was killed under us; treated like EOF
        }
        if (!tail.isBlank()) {
            health.count("partial", "nvidia-smi output ended in a partial line");
        }
        ended(g);
    }

    private void onLine(Generation g, String line) {
        if (line.isBlank()) {
            return;
        }
        SmiCsvParser.Result r = parser.parse(line);
        if (r.isRow()) {
            long now = clock.nanoTime();
            if (g.lastRowNanos == Long.MIN_VALUE) {
                backoff.reset();
                sink.up(true);
                health.recovered("down", "nvidia-smi rows flowing again");
            }
            g.lastRowNanos = now;
            sink.row(r.row().get(), now);
        } else {
            health.count(r.rejectReason(), "nvidia-smi line rejected (" + r.rejectReason() + ")");
        }
    }

    private void ended(Generation g) {
        try {
            if (!g.process.waitFor(2, TimeUnit.SECONDS)) {
                ProcessTrees.killTree(g.process);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ProcessTrees.killTree(g.process);
        }
        synchronized (this) {
            if (current != g || closed) {
                return;
            }
            current = null;
        }
        if (!g.killed) {
            String code = g.process.isAlive() ? "killed" : Integer.toString(g.process.exitValue());
            health.failure("down", "exited", "nvidia-smi exited (" + code + ")"
                    + (g.lastStderr.isEmpty() ? "" : ": " + g.lastStderr));
        }
        sink.up(false);
        scheduleRestart();
    }

    private void watch() {
        Generation g;
        synchronized (this) {
            g = current;
        }
        if (g == null || g.killed) {
            return;
        }
        long now = clock.nanoTime();
        long last = g.lastRowNanos;
        boolean stalled = last == Long.MIN_VALUE
                ? now - g.startNanos > config.startupTimeout().toNanos()
                : now - last > config.staleAfter().toNanos();
        if (stalled) {
            g.killed = true;
            health.failure("down", "stalled", "nvidia-smi printed no row for " + config.staleAfter() + ": killing it");
            sink.up(false); // after counting: whoever sees it down finds the reason counted
            ProcessTrees.killTree(g.process); // the reader then sees EOF and schedules the restart
        }
    }

    private void scheduleRestart() {
        if (isClosed()) {
            return;
        }
        long delay = backoff.next().toNanos();
        try {
            scheduler.schedule(this::launch, delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("scheduler gone; nvidia-smi not restarted");
        }
    }

    private void drainStderr(Generation g) {
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(g.process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    g.lastStderr = line.length() > 300 ? line.substring(0, 300) : line;
                    LOG.debug("nvidia-smi stderr: {}", g.lastStderr);
                }
            }
        } catch (IOException e) {
            // killed
        }
    }

    private synchronized boolean isClosed() { return closed; }

    private static Thread thread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        Generation g;
        synchronized (this) {
            closed = true;
            g = current;
            current = null;
            if (watchdog != null) {
                watchdog.cancel(false);
            }
        }
        if (g != null) {
            g.killed = true;
            ProcessTrees.killTree(g.process);
        }
    }
}

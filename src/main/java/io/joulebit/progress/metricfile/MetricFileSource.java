package io.joulebit.progress.metricfile;

import io.joulebit.progress.LineCounts;
import io.joulebit.progress.ProgressSource;
import io.joulebit.progress.StepEvent;
import io.joulebit.progress.TokenOrigin;
import io.joulebit.progress.format.FormatOptions;
import io.joulebit.progress.format.TokenDeriver;
import io.joulebit.progress.tail.TailPosition;
import io.joulebit.time.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Training progress from a run's metric files (TensorBoard event files, an MLflow run), followed live: every poll
 * reads what the writers added, the chosen series become StepEvents with tokens derived as for log lines
 * ({@link TokenDeriver}), each stamped with the injected clock and travelling with its file position for resume.
 */
public final class MetricFileSource implements ProgressSource {
    private static final Logger LOG = LoggerFactory.getLogger(MetricFileSource.class);
    private final MetricRunReader reader;
    private final StepAssembler steps;
    private final TokenDeriver tokens;
    private final Duration interval;
    private final NanoClock clock;
    private volatile Consumer<StepEvent> sink = e -> { };
    private volatile TailPosition position;
    private volatile long delivered;
    private volatile long lastEventNanos = -1;
    private volatile long polls;
    private String failing;
    private boolean toldTags;
    private ScheduledExecutorService exec;

    public MetricFileSource(RunLayout layout, FormatOptions opts, TagOverrides tags, Optional<TailPosition> resume,
                            Duration interval, NanoClock clock) {
        this.reader = new MetricRunReader(layout, resume);
        this.tokens = new TokenDeriver(opts);
        this.steps = new StepAssembler(tags, opts.lossUnit(), this::emit);
        this.interval = interval;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.position = resume.orElse(null);
    }

    @Override public String name() { return reader.layout().kind(); }

    @Override
    public void start(Consumer<StepEvent> sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
        exec = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "joulebit-metric-files");
            t.setDaemon(true);
            return t;
        });
        exec.scheduleWithFixedDelay(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads what is new right now on the caller's thread (tests); not to be mixed with start(). */
    public void pollOnce(Consumer<StepEvent> sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
        poll();
    }

    private synchronized void poll() {
        try {
            reader.pump(steps::point);
            steps.flush();
            polls++;
            if (failing != null) LOG.info("{}: readable again", reader.layout().root());
            failing = null;
        } catch (IOException | RuntimeException e) {
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (!reason.equals(failing)) LOG.warn("reading {} failed: {}; will retry", reader.layout().root(), reason);
            failing = reason;
        }
        if (!toldTags && steps.tags() != null) {
            toldTags = true;
            LOG.info("{}: {}", reader.layout().root(), steps.tags().describe());
        }
    }

    private void emit(StepEvent e, long consumedSamples, TailPosition at) {
        StepEvent stamped = tokens.apply(e, consumedSamples).withMonoNanos(clock.nanoTime());
        position = at;
        delivered++;
        lastEventNanos = stamped.monoNanos();
        try {
            sink.accept(stamped);
        } catch (RuntimeException x) {
            LOG.warn("step consumer failed on an event from {}: {}", reader.layout().root(), x.toString());
        }
    }

    /** Position just past the record of the event being (or last) delivered: read by the agent on delivery. */
    public Optional<TailPosition> position() { return Optional.ofNullable(position); }

    @Override
    public TokenOrigin tokenOrigin() { return tokens.origin(); }

    /** Steps delivered, points of other series, damaged records. */
    @Override
    public LineCounts lines() { return new LineCounts(delivered(), points() - used(), corrupt()); }

    /** The chosen series; empty while no known loss tag has appeared. */
    public Optional<TagSet> tags() { return Optional.ofNullable(steps.tags()); }

    public long delivered() { return delivered; }
    /** Completed reads of the run's files (each poll that did not fail). */
    public long polls() { return polls; }
    public long points() { return steps.points(); }
    public long used() { return steps.used(); }
    public long corrupt() { return reader.corrupt(); }
    public int files() { return reader.files(); }

    @Override
    public void close() {
        if (exec != null) {
            exec.shutdown();
            try {
                exec.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            reader.close();
        } catch (IOException e) {
            LOG.debug("closing {}: {}", reader.layout().root(), e.toString());
        }
    }
}

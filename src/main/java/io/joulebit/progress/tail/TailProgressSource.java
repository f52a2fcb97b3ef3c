package io.joulebit.progress.tail;

import io.joulebit.health.HealthLog;
import io.joulebit.progress.format.FormatDetector;
import io.joulebit.progress.format.FormatOptions;
import io.joulebit.progress.format.LineKind;
import io.joulebit.progress.format.LineResult;
import io.joulebit.progress.format.LogFormats;
import io.joulebit.progress.format.StepFormat;
import io.joulebit.progress.format.TokenDeriver;
import io.joulebit.progress.LineCounts;
import io.joulebit.progress.TokenOrigin;

import io.joulebit.progress.LogFormat;
import io.joulebit.progress.ProgressSource;
import io.joulebit.progress.StepEvent;
import io.joulebit.time.NanoClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training progress from a followed log file: lines from a {@link LogTailer} go through a {@link LogFormat} (given,
 * or, for "auto", decided by the {@link FormatDetector} that replay-log uses too, on step lines however far into the
 * file they start: until then the format is "pending" and the log is still followed) and come out as StepEvents
 * stamped with the injected clock.
 *
 * <pre>{@code
 * var source = TailProgressSource.detecting(LogTailer.builder(Path.of("train.log")), Formats::detect, NanoClock.SYSTEM);
 * source.start(accountant::onStep);
 * ... source.counters(); source.position();
 * }</pre>
 */
public final class TailProgressSource implements ProgressSource {
    /** Non-blank lines gathered before giving up on a window of lines and starting a fresh one. */
    public static final int DETECT_LINES = 20;
    private static final Logger LOG = LoggerFactory.getLogger(TailProgressSource.class);

    private final LogTailer tailer;
    private final Function<List<String>, LogFormat> detector;
    private final NanoClock clock;
    private final LongAdder parsed = new LongAdder();
    private final LongAdder ignored = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final HealthLog parserLog = new HealthLog(LOG); // logging only: the lines are counted as rejected
    private final List<String> undecided = new ArrayList<>();
    private int undecidedNonBlank;
    private volatile LogFormat format;
    /** The shared detector of "auto"; null once decided, or when the format was given. */
    private FormatDetector auto;
    private boolean pendingLogged;
    private volatile long lastEventNanos;
    private volatile boolean hasEvent;
    private volatile Consumer<StepEvent> sink = event -> { };
    private TokenDeriver tokens;

    private TailProgressSource(LogTailer.Builder tailer, LogFormat format,
                               Function<List<String>, LogFormat> detector, NanoClock clock) {
        this.format = format;
        this.detector = detector;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tailer = tailer.build(new Lines());
    }

    /** Parses every line with {@code format}. */
    public static TailProgressSource withFormat(LogTailer.Builder tailer, LogFormat format, NanoClock clock) {
        return new TailProgressSource(tailer, Objects.requireNonNull(format, "format"), null, clock);
    }

    /**
     * Picks the format with {@code detector}, which sees the non-blank lines so far (at most {@link #DETECT_LINES})
     * each time the tailer catches up and returns null while undecided. Lines before a decision are parsed once it
     * comes; a full window without one is counted as ignored and a new window starts.
     */
    public static TailProgressSource detecting(LogTailer.Builder tailer, Function<List<String>, LogFormat> detector,
                                               NanoClock clock) {
        return new TailProgressSource(tailer, null, Objects.requireNonNull(detector, "detector"), clock);
    }

    /**
     * The sidecar's usual source: a named format, or "auto" to detect one, with {@code opts} (field names, loss unit,
     * seq-len, tokens per step) for both the parser and the token derivation.
     */
    public static TailProgressSource forLog(LogTailer.Builder tailer, String formatName, FormatOptions opts,
                                            NanoClock clock) {
        TailProgressSource s;
        if ("auto".equals(formatName)) {
            s = new TailProgressSource(tailer, null, null, clock);
            s.auto = new FormatDetector(opts);
        } else {
            s = withFormat(tailer, LogFormats.create(formatName, opts), clock);
        }
        s.tokens = new TokenDeriver(opts);
        return s;
    }

    /** The format's name, or "pending" while auto-detection has not yet seen step lines it can decide on. */
    public String formatName() {
        LogFormat f = format;
        return f != null ? f.name() : "pending";
    }

    /** Where the token counts come from so far (log, samples × seq-len, steps × tokens per step, or none). */
    @Override
    public TokenOrigin tokenOrigin() { return tokens == null ? TokenOrigin.NONE : tokens.origin(); }

    /** What the source made of its lines and what happened to its file, as the accountant exports them. */
    @Override
    public LineCounts lines() {
        var c = counters();
        var t = tailCounters();
        return new LineCounts(c.parsed(), c.ignored(), c.rejected(), Optional.of(new LineCounts.LogFile(
                t.rotations(), t.truncations(), t.readErrors(), formatName())));
    }

    @Override
    public String name() { return "log"; }

    @Override
    public void start(Consumer<StepEvent> sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
        tailer.start();
    }

    /** Reads what is new right now on the caller's thread (replay-log, tests); not to be mixed with start(). */
    public void pollOnce(Consumer<StepEvent> sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
        tailer.pollOnce();
    }

    /**
     * Stops following. The input has ended, so what the format held back (an OLMo block waiting for its closing
     * line) is delivered, and a format still undecided is decided on whatever step lines came, as replay-log does
     * at the end of a file.
     */
    @Override
    public void close() {
        tailer.close();
        synchronized (tailer) {                      // the tailer's last poll has returned
            try {
                if (auto != null && auto.finish().isPresent()) adopt();
                if (format instanceof StepFormat sf) {
                    for (StepEvent e : sf.finish()) deliver(tokens == null ? e : tokens.apply(e, -1));
                }
            } catch (RuntimeException e) {
                parserLog.problem("parser", e.toString(), "format {} failed at the end of {}: {}", formatName(),
                        tailer.path(), e.toString());
            }
        }
    }

    /** The chosen format; empty while detection is undecided. */
    public Optional<LogFormat> format() { return Optional.ofNullable(format); }

    public Optional<TailPosition> position() { return tailer.position(); }

    public TailCounters tailCounters() { return tailer.counters(); }

    public ProgressCounters counters() {
        return new ProgressCounters(parsed.sum(), ignored.sum(), rejected.sum() + tailer.counters().linesRejected(),
                hasEvent ? OptionalLong.of(lastEventNanos) : OptionalLong.empty());
    }

    private void parse(String line) {
        List<StepEvent> events;
        try {
            events = read(line);
        } catch (RuntimeException e) {
            rejected.increment();
            parserLog.problem("parser", e.toString(), "format {} threw on a line of {}: {}", format.name(), tailer.path(),
                    e.toString());
            return;
        }
        if (events == null) return; // counted as rejected in read()
        if (events.isEmpty()) {
            ignored.increment();
            return;
        }
        for (StepEvent e : events) deliver(e);
    }

    /** Events of one line (empty: not a step); null when the format rejected the line. */
    private List<StepEvent> read(String line) {
        if (format instanceof StepFormat sf) {
            LineResult r = sf.read(line);
            if (r.kind() == LineKind.REJECTED) {
                rejected.increment();
                return null;
            }
            return tokens == null ? r.events() : tokens.apply(r);
        }
        return format.parse(line).map(List::of).orElse(List.of());
    }

    private void deliver(StepEvent event) {
        StepEvent stamped = event.withMonoNanos(clock.nanoTime());
        parsed.increment();
        lastEventNanos = stamped.monoNanos();
        hasEvent = true;
        try {
            sink.accept(stamped);
        } catch (RuntimeException e) {
            parserLog.problem("sink", e.toString(), "step consumer failed on an event from {}: {}", tailer.path(),
                    e.toString());
        }
    }

    private void detect(boolean windowFull) {
        LogFormat chosen = null;
        try {
            chosen = detector.apply(undecided.stream().filter(l -> !l.isBlank()).toList());
        } catch (RuntimeException e) {
            LOG.warn("format detection failed on {}: {}", tailer.path(), e.toString());
        }
        if (chosen != null) {
            LOG.info("{}: log format {}", tailer.path(), chosen.name());
            format = chosen;
            List<String> held = List.copyOf(undecided);
            undecided.clear();
            undecidedNonBlank = 0;
            held.forEach(this::parse);
        } else if (windowFull) {
            LOG.debug("{}: no format recognised in {} lines; still looking", tailer.path(), undecided.size());
            ignored.add(undecided.size());
            undecided.clear();
            undecidedNonBlank = 0;
        }
    }

    /** Auto-detection decided: go on with the instance that read every line, and deliver what it held. */
    private void adopt() {
        FormatDetector d = auto;
        auto = null;
        List<LineResult> held = d.held();
        LOG.info("{}: log format {} (decided on line {})", tailer.path(), d.name().orElseThrow(), d.lines());
        rejected.add(d.heldRejected());
        ignored.add(Math.max(0, d.lines() - held.size() - d.heldRejected()));
        format = d.format();
        for (LineResult r : held) {
            for (StepEvent e : tokens == null ? r.events() : tokens.apply(r)) deliver(e);
        }
    }

    private void stillPending() {
        if (pendingLogged || auto.lines() == 0) return;
        pendingLogged = true;
        LOG.info("{}: no format reads a step line yet ({} lines); following it until one does (format=pending)",
                tailer.path(), auto.lines());
    }

    /** Runs on the tailer's thread, one poll at a time. */
    private final class Lines implements LineSink {
        @Override
        public void line(String line) {
            if (format != null) {
                parse(line);
            } else if (auto != null) {
                if (auto.offer(line)) adopt();
            } else {
                // Blank lines are held too, in order: they close blocks in block formats (OLMo). Only non-blank
                // lines count toward the detection window.
                undecided.add(line);
                if (!line.isBlank() && ++undecidedNonBlank >= DETECT_LINES) detect(true);
            }
        }

        @Override
        public void caughtUp() {
            if (auto != null) {
                if (auto.pause().isPresent()) adopt(); else stillPending();
                return;
            }
            if (format == null && undecidedNonBlank > 0) detect(false);
        }
    }
}

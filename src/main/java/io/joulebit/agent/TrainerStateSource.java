package io.joulebit.agent;

import io.joulebit.progress.LineCounts;
import io.joulebit.progress.ProgressSource;
import io.joulebit.progress.StepEvent;
import io.joulebit.progress.TokenOrigin;
import io.joulebit.progress.format.FormatOptions;
import io.joulebit.progress.format.TokenDeriver;
import io.joulebit.progress.format.TrainerStateReader;
import io.joulebit.time.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Hugging Face's trainer_state.json ({@code run --log .../trainer_state.json}): rewritten whole at every save (an
 * atomic rename), so it is re-read on a schedule rather than tailed; the reader returns only steps it has not
 * returned before, so each log_history entry counts once. The document is read by the same code as replay-log's
 * trainer-state format, and tokens are derived by the same rules as for a tailed log (seq_len, tokens_per_step).
 */
public final class TrainerStateSource implements ProgressSource {
    private static final Logger LOG = LoggerFactory.getLogger(TrainerStateSource.class);
    private final TrainerStateReader reader;
    private final Duration interval;
    private final NanoClock clock;
    private final LongAdder parsed = new LongAdder();
    private ScheduledExecutorService exec;
    private final TokenDeriver tokens;

    public TrainerStateSource(Path file, FormatOptions opts, Duration interval, NanoClock clock) {
        this.reader = new TrainerStateReader(file, opts);
        this.tokens = new TokenDeriver(opts);
        this.interval = interval;
        this.clock = clock;
    }

    public static boolean handles(Path p) { return p.getFileName().toString().equals("trainer_state.json"); }

    public long parsed() { return parsed.sum(); }

    /** Where token counts come from: log (num_input_tokens_seen), derived, or none. */
    @Override
    public synchronized TokenOrigin tokenOrigin() { return tokens.origin(); }

    /** Entries read; the document is re-read whole, so there are no lines to ignore or reject. */
    @Override
    public LineCounts lines() {
        return new LineCounts(parsed(), 0, 0, Optional.of(new LineCounts.LogFile(0, 0, Map.of(), "trainer-state")));
    }

    /** Reads the file now if it changed: its new entries, stamped, tokens derived. */
    public synchronized List<StepEvent> pollOnce() {
        List<StepEvent> out = new ArrayList<>();
        for (StepEvent e : reader.poll()) {
            parsed.increment();
            out.add(tokens.apply(e, -1).withMonoNanos(clock.nanoTime()));
        }
        return out;
    }

    @Override public String name() { return "trainer-state"; }

    @Override
    public void start(Consumer<StepEvent> sink) {
        exec = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "joulebit-trainer-state");
            t.setDaemon(true);
            return t;
        });
        exec.scheduleWithFixedDelay(() -> {
            try {
                for (StepEvent e : pollOnce()) sink.accept(e);
            } catch (RuntimeException e) {
                LOG.warn("reading trainer_state.json failed: {}; will retry", e.toString());
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() { if (exec != null) exec.shutdownNow(); }
}

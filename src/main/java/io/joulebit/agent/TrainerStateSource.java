package io.joulebit.agent;

import io.joulebit.progress.ProgressSource;
import io.joulebit.progress.StepEvent;
import io.joulebit.progress.format.FormatOptions;
import io.joulebit.progress.format.TrainerStateReader;
import io.joulebit.time.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Hugging Face's trainer_state.json: rewritten whole at every save, so it is re-read on a schedule rather than
 * tailed; the reader returns only steps it has not returned before.
 */
public final class TrainerStateSource implements ProgressSource {
    private static final Logger LOG = LoggerFactory.getLogger(TrainerStateSource.class);
    private final TrainerStateReader reader;
    private final Duration interval;
    private final NanoClock clock;
    private final LongAdder parsed = new LongAdder();
    private ScheduledExecutorService exec;
    private volatile boolean sawTokens;

    public TrainerStateSource(Path file, FormatOptions opts, Duration interval, NanoClock clock) {
        this.reader = new TrainerStateReader(file, opts);
        this.interval = interval;
        this.clock = clock;
    }

    public static boolean handles(Path p) { return p.getFileName().toString().equals("trainer_state.json"); }

    public long parsed() { return parsed.sum(); }

    /** "log" once the file gave token counts (num_input_tokens_seen), else "none". */
    public String tokenOrigin() { return sawTokens ? "log" : "none"; }

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
                for (StepEvent e : reader.poll()) {
                    parsed.increment();
                    if (e.tokens().isPresent()) sawTokens = true;
                    sink.accept(e.withMonoNanos(clock.nanoTime()));
                }
            } catch (RuntimeException e) {
                LOG.warn("reading trainer_state.json failed: {}; will retry", e.toString());
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() { if (exec != null) exec.shutdownNow(); }
}

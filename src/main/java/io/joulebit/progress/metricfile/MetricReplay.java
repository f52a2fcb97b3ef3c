package io.joulebit.progress.metricfile;

import io.joulebit.progress.StepEvent;
import io.joulebit.progress.format.FormatOptions;
import io.joulebit.progress.format.TokenDeriver;
import io.joulebit.progress.replay.StepJsonWriter;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/**
 * replay-log over a metric-file run: every file read to its end once, the chosen series' steps written as the same
 * JSON lines a text log gives (tokens derived by the same {@link TokenDeriver}).
 */
public final class MetricReplay {
    /**
     * @param tags      the chosen series; empty when no known loss tag appeared ({@code seen} lists what did)
     * @param refused   files found that are not event files, each with why
     */
    public record Stats(String kind, int files, long points, long used, long repeated, long steps, long corrupt,
                        long dropped, Optional<TagSet> tags, SortedSet<String> seen, List<String> refused,
                        String tokenOrigin) {}

    private MetricReplay() {}

    /** Receives each step event in order. */
    public interface Sink { void step(StepEvent e) throws IOException; }

    /**
     * Writes the steps as replay-log's JSON lines; the output is flushed even when reading fails. With more than one
     * CPU, reading and decoding run on their own thread and hand batches of events to this one, which writes JSON
     * (as the text-log replay does); the order is the single-threaded one.
     */
    public static Stats run(RunLayout layout, FormatOptions opts, TagOverrides overrides, OutputStream out)
            throws IOException {
        StepJsonWriter json = new StepJsonWriter(out);
        try {
            if (Runtime.getRuntime().availableProcessors() < 2) return run(layout, opts, overrides, json::write);
            return pipelined(layout, opts, overrides, json);
        } finally {
            json.flush();
        }
    }

    private static final List<StepEvent> END = new ArrayList<>();

    private static Stats pipelined(RunLayout layout, FormatOptions opts, TagOverrides overrides, StepJsonWriter json)
            throws IOException {
        BlockingQueue<List<StepEvent>> q = new ArrayBlockingQueue<>(8);
        Object[] result = new Object[1];
        Thread reader = new Thread(() -> {
            var batch = new java.util.concurrent.atomic.AtomicReference<List<StepEvent>>(new ArrayList<>(4096));
            try {
                result[0] = run(layout, opts, overrides, e -> {
                    batch.get().add(e);
                    if (batch.get().size() == 4096) put(q, batch.getAndSet(new ArrayList<>(4096)));
                });
                if (!batch.get().isEmpty()) put(q, batch.get());
            } catch (IOException | RuntimeException | Error x) {
                result[0] = x;
            } finally {
                try {
                    q.put(END);
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "replay-log-read");
        reader.setDaemon(true);
        reader.start();
        try {
            for (List<StepEvent> b; (b = q.take()) != END; ) for (StepEvent e : b) json.write(e);
            reader.join();
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("replay interrupted");
        } finally {
            reader.interrupt();
        }
        if (result[0] instanceof IOException io) throw io;
        if (result[0] instanceof RuntimeException re) throw re;
        if (result[0] instanceof Error err) throw err;
        return (Stats) result[0];
    }

    private static void put(BlockingQueue<List<StepEvent>> q, List<StepEvent> b) throws IOException {
        try {
            q.put(b);
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("replay interrupted");
        }
    }

    public static Stats run(RunLayout layout, FormatOptions opts, TagOverrides overrides, Sink sink)
            throws IOException {
        TokenDeriver tokens = new TokenDeriver(opts);
        long[] steps = new long[1];
        IOException[] failed = new IOException[1];
        StepAssembler a = new StepAssembler(overrides, opts.lossUnit(), (e, samples, at) -> {
            if (failed[0] != null) return;
            try {
                sink.step(tokens.apply(e, samples));
                steps[0]++;
            } catch (IOException x) {
                failed[0] = x;
            }
        });
        try (MetricRunReader reader = new MetricRunReader(layout, Optional.empty())) {
            reader.pump(a::point);
            a.flush();
            if (failed[0] != null) throw failed[0];
            return new Stats(layout.kind(), reader.files(), a.points(), a.used(), a.repeated(), steps[0],
                    reader.corrupt(), a.dropped(), Optional.ofNullable(a.tags()), a.heldKeys(), reader.refused(),
                    tokens.origin().label());
        }
    }
}

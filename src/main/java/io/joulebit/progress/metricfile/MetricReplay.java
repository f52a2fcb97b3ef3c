package io.joulebit.progress.metricfile;

import io.joulebit.progress.StepEvent;
import io.joulebit.progress.format.FormatOptions;
import io.joulebit.progress.format.TokenDeriver;
import io.joulebit.progress.replay.StepJsonWriter;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
     * CPU, reading, CRC checks and protobuf decoding run on their own thread and hand batches of points to this one,
     * which assembles steps and writes JSON: the reader was the slower half when it assembled too. Same order and
     * output as the single-threaded {@link #run(RunLayout, FormatOptions, TagOverrides, Sink)}.
     */
    public static Stats run(RunLayout layout, FormatOptions opts, TagOverrides overrides, OutputStream out)
            throws IOException {
        return run(layout, opts, overrides, out, Runtime.getRuntime().availableProcessors() > 1);
    }

    static Stats run(RunLayout layout, FormatOptions opts, TagOverrides overrides, OutputStream out,
                     boolean pipelined) throws IOException {
        StepJsonWriter json = new StepJsonWriter(out);
        try {
            return pipelined ? pipelined(layout, opts, overrides, json::write) : run(layout, opts, overrides,
                    json::write);
        } finally {
            json.flush();
        }
    }

    public static Stats run(RunLayout layout, FormatOptions opts, TagOverrides overrides, Sink sink)
            throws IOException {
        Steps steps = new Steps(opts, overrides, sink);
        try (MetricRunReader reader = new MetricRunReader(layout, Optional.empty())) {
            reader.pump((p, at) -> steps.point(p));
            return steps.finish(layout, reader.files(), reader.corrupt(), reader.refused());
        }
    }

    private record Read(int files, long corrupt, List<String> refused) {}

    private static final List<ScalarPoint> END = new ArrayList<>();
    private static final int BATCH = 4096;

    private static Stats pipelined(RunLayout layout, FormatOptions opts, TagOverrides overrides, Sink sink)
            throws IOException {
        BlockingQueue<List<ScalarPoint>> q = new ArrayBlockingQueue<>(8);
        Object[] result = new Object[1];
        Thread reader = new Thread(() -> {
            List<List<ScalarPoint>> batch = new ArrayList<>(List.of(new ArrayList<>(BATCH)));
            try (MetricRunReader r = new MetricRunReader(layout, Optional.empty())) {
                r.pump((p, at) -> {
                    List<ScalarPoint> b = batch.get(0);
                    b.add(p);
                    if (b.size() == BATCH) put(q, batch.set(0, new ArrayList<>(BATCH)));
                });
                if (!batch.get(0).isEmpty()) put(q, batch.get(0));
                result[0] = new Read(r.files(), r.corrupt(), r.refused());
            } catch (UncheckedIOException x) {
                result[0] = x.getCause();
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
        Steps steps = new Steps(opts, overrides, sink);
        try {
            for (List<ScalarPoint> b; (b = q.take()) != END; ) for (ScalarPoint p : b) steps.point(p);
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
        Read r = (Read) result[0];
        return steps.finish(layout, r.files(), r.corrupt(), r.refused());
    }

    /** Interrupted only once this thread has stopped taking: the reader then just ends. */
    private static void put(BlockingQueue<List<ScalarPoint>> q, List<ScalarPoint> b) {
        try {
            q.put(b);
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("replay interrupted"));
        }
    }

    /** Points to step events to the sink: the assembler and token derivation, and the first write failure. */
    private static final class Steps {
        private final TokenDeriver tokens;
        private final StepAssembler assembler;
        private long steps;
        private IOException failed;

        Steps(FormatOptions opts, TagOverrides overrides, Sink sink) {
            tokens = new TokenDeriver(opts);
            assembler = new StepAssembler(overrides, opts.lossUnit(), (e, samples, at) -> {
                if (failed != null) return;
                try {
                    sink.step(tokens.apply(e, samples));
                    steps++;
                } catch (IOException x) {
                    failed = x;
                }
            });
        }

        /** Replay needs no resume position: none is made per point. */
        void point(ScalarPoint p) { assembler.point(p, null); }

        Stats finish(RunLayout layout, int files, long corrupt, List<String> refused) throws IOException {
            assembler.flush();
            if (failed != null) throw failed;
            StepAssembler a = assembler;
            return new Stats(layout.kind(), files, a.points(), a.used(), a.repeated(), steps, corrupt, a.dropped(),
                    Optional.ofNullable(a.tags()), a.heldKeys(), refused, tokens.origin().label());
        }
    }
}

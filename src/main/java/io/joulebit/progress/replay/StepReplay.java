package io.joulebit.progress.replay;

import io.joulebit.progress.Phase;
import io.joulebit.progress.TokenOrigin;
import io.joulebit.progress.StepEvent;
import io.joulebit.progress.format.ByteLine;
import io.joulebit.progress.format.FormatOptions;
import io.joulebit.progress.format.LineKind;
import io.joulebit.progress.format.LineResult;
import io.joulebit.progress.format.StepFormat;
import io.joulebit.progress.format.StepRecord;
import io.joulebit.progress.format.TokenDeriver;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * The loop of replay-log: every line of a reader through one format, tokens derived, one JSON object per event, in
 * file order. Lines the format can take raw ({@link StepFormat#readBytes}) are parsed into reusable records with no
 * allocation; every other line takes the ordinary {@link StepFormat#read} path. Pipelined, reading
 * and parsing run on their own thread and hand batches of records to the caller's thread, which derives tokens and
 * writes JSON: both stages stay sequential, so the output is exactly the single-threaded one.
 */
public final class StepReplay {
    private static final int BATCHES = 4;
    private final StepFormat format;
    private final TokenDeriver tokens;
    private final StepJsonWriter json;
    private final boolean pipelined;
    private final long[] counts = new long[LineKind.values().length];
    private Points points;

    /** Each event's fields as primitives, for a consumer that must not cost an allocation per line. */
    @FunctionalInterface
    public interface Points {
        /** {@code hasLoss}/{@code hasTokens} say whether the event carried a loss (nats) and cumulative tokens. */
        void accept(long step, Phase phase, boolean hasLoss, double lossNats, boolean hasTokens,
                    long tokens);
    }

    public StepReplay(StepFormat format, FormatOptions opts, OutputStream out) {
        this(format, opts, out, Runtime.getRuntime().availableProcessors() > 1);
    }

    StepReplay(StepFormat format, FormatOptions opts, OutputStream out, boolean pipelined) {
        this.format = format;
        this.tokens = new TokenDeriver(opts);
        this.json = new StepJsonWriter(out);
        this.pipelined = pipelined;
    }

    /** Also hands every event, tokens derived, to {@code sink} on the writing thread, in file order. */
    public StepReplay points(Points sink) {
        this.points = sink;
        return this;
    }

    /** Reads to the end, then writes what the format held back; the output is flushed even when reading fails. */
    public void run(ByteLineReader reader) throws IOException {
        try {
            if (pipelined) runPipelined(reader); else runInline(reader);
        } finally {
            json.flush();
        }
    }

    private void runInline(ByteLineReader reader) throws IOException {
        StepBatch b = new StepBatch();
        do {
            b.clear();
            parse(reader, b);
            write(b);
        } while (!b.last);
    }

    private void runPipelined(ByteLineReader reader) throws IOException {
        try (Handoff<StepBatch> batches = new Handoff<>("replay-log-parse", BATCHES, StepBatch::new, b -> {
            b.clear();
            parse(reader, b);
            return b.last;
        })) {
            for (StepBatch b; (b = batches.take()) != null; ) {
                write(b);
                batches.recycle(b);
            }
        }
    }

    /** Fills the batch with the events of the next lines; marks it last at the end of input. */
    private void parse(ByteLineReader reader, StepBatch b) throws IOException {
        ByteLine line;
        while (!b.full()) {
            if ((line = reader.next()) == null) {
                for (StepEvent e : format.finish()) b.add(List.of(e), -1);
                b.last = true;
                return;
            }
            LineKind k = format.readBytes(line, b.slot());
            if (k != null) {
                counts[k.ordinal()]++;
                if (k == LineKind.PARSED) b.commit();
            } else {
                LineResult r = format.read(line);
                counts[r.kind().ordinal()]++;
                if (r.kind() == LineKind.PARSED) b.add(r.events(), r.consumedSamples());
            }
        }
    }

    private void write(StepBatch b) throws IOException {
        for (int i = 0; i < b.size; i++) {
            StepRecord r = b.records[i];
            tokens.apply(r);
            json.write(r);
            if (points != null) points.accept(r.step, r.phase, r.hasLoss, r.lossNats, r.hasTokens, r.tokens);
        }
    }

    public long count(LineKind kind) { return counts[kind.ordinal()]; }

    public long lines() {
        long t = 0;
        for (long c : counts) t += c;
        return t;
    }

    /** Where the token counts came from (the most recent one handed out). */
    public TokenOrigin tokenOrigin() { return tokens.origin(); }
}

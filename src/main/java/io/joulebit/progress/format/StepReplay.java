package io.joulebit.progress.format;

import io.joulebit.progress.StepEvent;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The loop of replay-log: every line of a reader through one format, tokens derived, one JSON object per event, in
 * file order. Lines a {@link ByteLineFormat} can take raw (no '\r', no ESC, not over-long) go through a reusable
 * record and cost no allocation; every other line takes the ordinary {@link StepFormat#read} path.
 */
public final class StepReplay {
    private final StepFormat format;
    private final ByteLineFormat raw;
    private final int maxLineChars;
    private final TokenDeriver tokens;
    private final StepJsonWriter json;
    private final StepRecord rec = new StepRecord();
    private final long[] counts = new long[LineKind.values().length];

    public StepReplay(StepFormat format, FormatOptions opts, OutputStream out) {
        this.format = format;
        this.raw = format instanceof ByteLineFormat b ? b : null;
        this.maxLineChars = opts.maxLineChars();
        this.tokens = new TokenDeriver(opts);
        this.json = new StepJsonWriter(out);
    }

    /** Reads to the end, then writes what the format held back; the output is flushed even when reading fails. */
    public void run(ByteLineReader reader) throws IOException {
        try {
            ByteLine line;
            while ((line = reader.next()) != null) {
                if (raw != null && line.flags() == 0 && line.length() <= maxLineChars) readRaw(line);
                else readObjects(line);
            }
            for (StepEvent e : format.finish()) json.write(tokens.apply(e, -1));
        } finally {
            json.flush();
        }
    }

    private void readRaw(ByteLine line) throws IOException {
        LineKind k = raw.readBytes(line.array(), line.offset(), line.length(), rec);
        counts[k.ordinal()]++;
        if (k == LineKind.PARSED) {
            tokens.apply(rec);
            json.write(rec);
        }
    }

    private void readObjects(ByteLine line) throws IOException {
        LineResult r = format.read(line);
        counts[r.kind().ordinal()]++;
        if (r.kind() == LineKind.PARSED) for (StepEvent e : tokens.apply(r)) json.write(e);
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

package io.joulebit.progress.replay;

import io.joulebit.progress.format.ByteLine;
import io.joulebit.progress.format.FormatOptions;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Splits a byte stream into lines through one big reusable buffer: memory stays bounded whatever the file size, and
 * a line costs no allocation. Newlines are found eight bytes at a time (SWAR), which also flags lines holding '\r'
 * or ESC. A line longer than {@code maxLineBytes} is returned truncated to that length (so a format rejects it as
 * over-long), whether or not it fit in the buffer, and the rest of it is skipped. {@link #readingAhead} reads the stream on a second thread ({@link
 * ReadAhead}) for a replay, where splitting and parsing lines is the stage that bounds the whole run.
 */
public final class ByteLineReader implements Closeable {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long NL = 0x0a * ONES;
    private static final long CR = 0x0d * ONES;
    private static final long ESC = 0x1b * ONES;
    private static final long CONTROL = 0x20 * ONES;

    private final InputStream in;
    private final int maxLineBytes;
    private final ReadAhead ahead;
    private ReadAhead.Chunk chunk;
    private byte[] buf;
    private final ByteLine line = new ByteLine();
    private int start;
    private int limit;
    private boolean eof;
    private boolean skipping;
    private boolean maybeFlags;

    public ByteLineReader(InputStream in, int bufferBytes, int maxLineBytes) {
        if (maxLineBytes < 16 || bufferBytes <= maxLineBytes) {
            throw new IllegalArgumentException("need bufferBytes > maxLineBytes >= 16");
        }
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.buf = new byte[bufferBytes];
        this.ahead = null;
    }

    private ByteLineReader(ReadAhead ahead, int maxLineBytes) {
        this.in = null;
        this.maxLineBytes = maxLineBytes;
        this.buf = new byte[0];
        this.ahead = ahead;
    }

    /** Lines of {@code in}, read ahead in chunks of {@code chunkBytes} on a thread of their own until closed. */
    public static ByteLineReader readingAhead(InputStream in, int chunkBytes, int maxLineBytes) {
        if (maxLineBytes < 16 || chunkBytes <= maxLineBytes) {
            throw new IllegalArgumentException("need chunkBytes > maxLineBytes >= 16");
        }
        return new ByteLineReader(new ReadAhead(in, chunkBytes, maxLineBytes, 3), maxLineBytes);
    }

    public ByteLineReader(InputStream in) { this(in, 1 << 20, FormatOptions.DEFAULT_MAX_LINE_CHARS + 1); }

    /** The next line without its terminator, or null at the end. The returned view is valid until the next call. */
    public ByteLine next() throws IOException {
        while (true) {
            int scanFrom = start;
            int nl = findNewline(scanFrom, limit);
            if (nl >= 0) {
                int s = start;
                start = nl + 1;
                if (skipping) { skipping = false; continue; }
                return emit(s, nl);
            }
            if (limit - start > maxLineBytes) {                // over-long: hand out a window, skip the rest
                int s = start;
                boolean wasSkipping = skipping;
                skipping = true;
                start = limit;
                if (!wasSkipping) return emit(s, limit);
                continue;
            }
            if (eof) {
                if (start < limit && !skipping) { int s = start; start = limit; return emit(s, limit); }
                return null;
            }
            fill();
        }
    }

    /**
     * The line [s, e) without a CR before its newline; one of {@code maxLineBytes} or more is cut to that length,
     * wherever the buffer happened to end, so it is classified the same whatever the reads returned.
     */
    private ByteLine emit(int s, int e) {
        int end = e > s && buf[e - 1] == '\r' ? e - 1 : e;      // CRLF
        if (end - s > maxLineBytes) end = s + maxLineBytes;
        line.set(buf, s, end - s, flags(s, end));
        return line;
    }

    private void fill() throws IOException {
        if (ahead != null) {
            fillAhead();
            return;
        }
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, limit - start);
            limit -= start;
            start = 0;
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) eof = true; else limit += n;
    }

    /** Moves on to the next chunk, the unfinished line (shorter than maxLineBytes, the headroom) put in front of it. */
    private void fillAhead() throws IOException {
        ReadAhead.Chunk next = ahead.take();
        if (next == null) {
            eof = true;
            return;
        }
        int rest = limit - start;
        int at = ahead.headroom() - rest;
        System.arraycopy(buf, start, next.buf, at, rest);
        if (chunk != null) ahead.recycle(chunk);
        chunk = next;
        buf = next.buf;
        start = at;
        limit = ahead.headroom() + next.len;
    }

    /** Finds the next '\n' and, in the same pass, notes whether a '\r' or ESC precedes it ({@link #maybeFlags}). */
    private int findNewline(int from, int to) {
        long other = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long w = (long) LONGS.get(buf, i);
            if (((w - CONTROL) & ~w & HIGHS) == 0) continue;    // no byte below 0x20: no '\n', '\r' or ESC here
            long z = zeroBytes(w ^ NL);
            long o = zeroBytes(w ^ CR) | zeroBytes(w ^ ESC);
            if (z != 0) {
                int bit = Long.numberOfTrailingZeros(z);
                // a false hit only ever sits above a true one, so hits below the newline are real
                maybeFlags = (other | (o & ((1L << bit) - 1))) != 0;
                return i + (bit >>> 3);
            }
            other |= o;
        }
        for (; i < to; i++) {
            byte b = buf[i];
            if (b == '\n') { maybeFlags = other != 0; return i; }
            if (b == '\r' || b == 0x1b) other = 1;
        }
        maybeFlags = other != 0;
        return -1;
    }

    private int flags(int s, int e) {
        if (!maybeFlags) return 0;
        int f = 0;
        for (int j = s; j < e; j++) f |= byteFlag(buf[j]);
        return f;
    }

    private static int byteFlag(byte b) {
        return b == '\r' ? ByteLine.HAS_CR : b == 0x1b ? ByteLine.HAS_ESC : 0;
    }

    /** High bit set in each byte of w that is zero (exact for the lowest such byte). */
    private static long zeroBytes(long w) { return (w - ONES) & ~w & HIGHS; }

    @Override public void close() throws IOException {
        if (ahead != null) ahead.close(); else in.close();
    }
}

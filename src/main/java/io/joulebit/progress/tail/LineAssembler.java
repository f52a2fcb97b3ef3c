package io.joulebit.progress.tail;

import java.nio.charset.StandardCharsets;

/**
 * Splits a byte stream into lines on '\n' and decodes each as UTF-8 (malformed input becomes U+FFFD). A line longer
 * than the cap is never held whole: its bytes are dropped as they arrive and the line is reported as rejected, so
 * memory stays at most the cap. Not thread-safe; owned by one tailer.
 */
final class LineAssembler {
    interface Out {
        /** A complete line; {@code nextOffset} is the file offset just past its terminator. */
        void line(String text, long nextOffset);

        /** A line over the cap was dropped ({@code bytes} long, terminator excluded). */
        void rejected(long bytes, long nextOffset);
    }

    private static final int INITIAL = 8 * 1024;

    private final int maxLineBytes;
    private byte[] pending;
    private int pendingLength;
    private long droppedBytes = -1; // >= 0 while discarding an over-long line

    LineAssembler(int maxLineBytes) {
        if (maxLineBytes <= 0) throw new IllegalArgumentException("maxLineBytes must be > 0");
        this.maxLineBytes = maxLineBytes;
        this.pending = new byte[Math.min(INITIAL, maxLineBytes)];
    }

    /** Feeds {@code chunk[0, length)}, which starts at file offset {@code chunkOffset}. */
    void feed(byte[] chunk, int length, long chunkOffset, Out out) {
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (chunk[i] != '\n') continue;
            if (pendingLength == 0 && droppedBytes < 0 && i - start <= maxLineBytes) {
                out.line(new String(chunk, start, i - start, StandardCharsets.UTF_8), chunkOffset + i + 1);
            } else {
                append(chunk, start, i - start);
                complete(out, chunkOffset + i + 1);
            }
            start = i + 1;
        }
        append(chunk, start, length - start);
    }

    /** Emits the unterminated rest as a line (the file rotated away or was truncated); no-op when there is none. */
    void flush(Out out, long offset) {
        if (pendingLength > 0 || droppedBytes >= 0) complete(out, offset);
    }

    int maxLineBytes() { return maxLineBytes; }

    /** Bytes currently reserved for an unfinished line (for tests asserting the memory bound). */
    int bufferCapacity() { return pending.length; }

    private void append(byte[] src, int from, int count) {
        if (count == 0) return;
        if (droppedBytes >= 0) {
            droppedBytes += count;
            return;
        }
        int needed = pendingLength + count;
        if (needed > maxLineBytes) {
            droppedBytes = needed;
            pendingLength = 0;
            return;
        }
        if (needed > pending.length) {
            byte[] grown = new byte[(int) Math.min(maxLineBytes, Math.max(needed, 2L * pending.length))];
            System.arraycopy(pending, 0, grown, 0, pendingLength);
            pending = grown;
        }
        System.arraycopy(src, from, pending, pendingLength, count);
        pendingLength = needed;
    }

    private void complete(Out out, long nextOffset) {
        if (droppedBytes >= 0) {
            long bytes = droppedBytes;
            droppedBytes = -1;
            out.rejected(bytes, nextOffset);
        } else {
            String text = new String(pending, 0, pendingLength, StandardCharsets.UTF_8);
            pendingLength = 0;
            out.line(text, nextOffset);
        }
    }
}

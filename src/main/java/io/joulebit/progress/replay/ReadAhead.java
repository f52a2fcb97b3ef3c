package io.joulebit.progress.replay;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a stream ahead on its own thread into a few big chunks, so the thread that splits and parses lines never
 * waits in {@code read}: copying a 670 MB log out of the page cache is ~0.15 s of system time, a fifth of replay-log's
 * parsing thread, the stage that bounds the whole replay (bench/replay-log.sh). Each chunk keeps {@code headroom}
 * free bytes in front of its data, where the reader puts the unfinished line of the previous chunk: no compaction.
 */
final class ReadAhead implements Closeable {
    /** A chunk's data lies at [headroom, headroom + len). */
    static final class Chunk {
        final byte[] buf;
        int len;

        Chunk(int bytes) { buf = new byte[bytes]; }
    }

    private final InputStream in;
    private final int headroom;
    private final Handoff<Chunk> chunks;

    ReadAhead(InputStream in, int chunkBytes, int headroom, int chunks) {
        this.in = in;
        this.headroom = headroom;
        // made on the reading thread, as needed: not on the caller
        this.chunks = new Handoff<>("replay-log-read", chunks, () -> new Chunk(headroom + chunkBytes), this::fill);
    }

    int headroom() { return headroom; }

    /** The next chunk in stream order, or null at the end; after the bytes read before a failure, throws it. */
    Chunk take() throws IOException { return chunks.take(); }

    /** Hands a chunk whose bytes are no longer looked at back for refilling. */
    void recycle(Chunk c) { chunks.recycle(c); }

    /** Reads until the chunk is full or the stream ends; true at the end. */
    private boolean fill(Chunk c) throws IOException {
        c.len = 0;
        int room = c.buf.length - headroom;
        int n = 0;
        while (c.len < room && (n = in.read(c.buf, headroom + c.len, room - c.len)) >= 0) c.len += n;
        return n < 0;
    }

    @Override
    public void close() throws IOException {
        chunks.close();
        in.close();
    }
}

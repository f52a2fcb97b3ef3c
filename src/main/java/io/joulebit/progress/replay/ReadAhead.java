package io.joulebit.progress.replay;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a stream ahead on its own thread into a few big chunks, so the thread that splits and parses lines never
 * waits in {@code read}: copying a 670 MB log out of the page cache is ~0.15 s of system time, a fifth of replay-log's
 * parsing thread, the stage that bounds the whole replay (bench/replay-log.sh). Each chunk keeps {@code headroom}
 * free bytes in front of its data, where the reader puts the unfinished line of the previous chunk: no compaction.
 */
final class ReadAhead implements Closeable {
    /** A chunk's data lies at [headroom, headroom + len); {@code last} marks the end of the stream. */
    static final class Chunk {
        final byte[] buf;
        int len;
        boolean last;
        IOException error;

        Chunk(int bytes) { buf = new byte[bytes]; }
    }

    private final InputStream in;
    private final int headroom;
    private final int chunkBytes;
    private final int chunks;
    private final BlockingQueue<Chunk> filled;
    private final BlockingQueue<Chunk> free;
    private final Thread thread;
    private IOException failed;

    ReadAhead(InputStream in, int chunkBytes, int headroom, int chunks) {
        this.in = in;
        this.headroom = headroom;
        this.chunkBytes = chunkBytes;
        this.chunks = chunks;
        this.filled = new ArrayBlockingQueue<>(chunks);
        this.free = new ArrayBlockingQueue<>(chunks);
        this.thread = new Thread(this::fillAll, "replay-log-read");
        thread.setDaemon(true);
        thread.start();
    }

    int headroom() { return headroom; }

    /** The next chunk in stream order; after the bytes read before a failure, throws what reading threw. */
    Chunk take() throws IOException {
        if (failed != null) throw failed;
        Chunk c;
        try {
            c = filled.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("read-ahead interrupted");
        }
        if (c.error != null) {
            failed = c.error;
            if (c.len == 0) throw failed;
            c.last = false;                            // its bytes first, the failure on the next call
        }
        return c;
    }

    /** Hands a chunk whose bytes are no longer looked at back for refilling. */
    void recycle(Chunk c) { free.offer(c); }

    private void fillAll() {
        try {
            Chunk c;
            int made = 0;
            do {
                c = free.poll();                        // the chunks are made here, as needed: not on the caller
                if (c == null && made < chunks) {
                    c = new Chunk(headroom + chunkBytes);
                    made++;
                } else if (c == null) {
                    c = free.take();
                }
                c.len = 0;
                try {
                    int n = 0;
                    while (c.len < c.buf.length - headroom
                            && (n = in.read(c.buf, headroom + c.len, c.buf.length - headroom - c.len)) >= 0) {
                        c.len += n;
                    }
                    c.last = n < 0;
                } catch (IOException e) {
                    c.error = e;
                    c.last = true;
                }
                filled.put(c);
            } while (!c.last);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();        // closed: nobody wants more
        }
    }

    @Override
    public void close() throws IOException {
        thread.interrupt();
        in.close();
    }
}

package io.joulebit.progress.metricfile.tensorboard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * TFRecord framing over a growing file: uint64 length, masked CRC-32C of the length, the data, masked CRC-32C of the
 * data (all little-endian). Hand-written because it is twelve bytes of framing around the protobuf payload that
 * protobuf-java decodes; no Java library reads TFRecord without pulling in TensorFlow. A record that is not
 * complete yet (the writer is mid-write) is left for a later call; a record whose data CRC fails is skipped and
 * counted; a header whose length CRC fails cannot be trusted for its length, so the reader re-synchronises one byte
 * further on (counted once per damaged stretch).
 */
public final class TfRecordReader {
    public enum Status { RECORD, NEED_MORE, BAD_HEADER }

    /** A record longer than this is skipped unread (no scalar event comes near it; a graph_def can). */
    static final int MAX_DATA = 16 << 20;
    private static final int MASK_DELTA = 0xa282ead8;

    private final FileChannel channel;
    /** Bytes read at a time (grown for a record longer than this). */
    static final int BUFFER = 1 << 16;

    private ByteBuffer buf = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32C crc = new CRC32C();
    private long bufStart;          // file offset of buf[0]
    private long next;              // file offset of the next record's header
    private int dataPos;
    private int dataLen;
    private long corrupt;
    private boolean resyncing;
    private boolean strict;

    public TfRecordReader(FileChannel channel, long offset) {
        this.channel = channel;
        this.bufStart = offset;
        this.next = offset;
        buf.limit(0);
    }

    /** Reads the next record; on RECORD its bytes are {@link #array()}[{@link #dataOffset()}, +{@link #dataLength()}). */
    public Status next() throws IOException {
        while (true) {
            if (next - bufStart > buf.limit()) {    // skipped past what is buffered: start afresh there
                bufStart = next;
                buf.limit(0);
            }
            int at = (int) (next - bufStart);
            if (!available(at, 12)) return Status.NEED_MORE;
            at = (int) (next - bufStart);   // available() may have moved the buffer (a header split at its end)
            long len = buf.getLong(at);
            if (masked(at, 8) != buf.getInt(at + 8)) {
                if (strict) return Status.BAD_HEADER;
                if (!resyncing) corrupt++;
                resyncing = true;
                next++;
                continue;
            }
            if (len < 0 || len > MAX_DATA) {
                long skipTo = next + 16 + len;
                if (len < 0 || channel.size() < skipTo) return Status.NEED_MORE;
                corrupt++;
                resyncing = false;
                next = skipTo;
                continue;
            }
            int n = (int) len;
            if (!available(at, 16 + n)) return Status.NEED_MORE;
            at = (int) (next - bufStart);   // available() may have moved the buffer
            resyncing = false;
            next += 16 + n;
            if (masked(at + 12, n) != buf.getInt(at + 12 + n)) {
                corrupt++;
                continue;
            }
            strict = false;
            dataPos = at + 12;
            dataLen = n;
            return Status.RECORD;
        }
    }

    /** Until a record reads cleanly, a bad header means "not a TFRecord file": answer BAD_HEADER, don't resync. */
    public void strictUntilFirstRecord() { strict = true; }

    public byte[] array() { return buf.array(); }
    public int dataOffset() { return dataPos; }
    public int dataLength() { return dataLen; }

    /** File offset just past the last record returned (or skipped): where a resume starts. */
    public long offset() { return next; }

    /** Damaged records (bad data CRC, oversized) and damaged stretches (bad length CRC) skipped so far. */
    public long corrupt() { return corrupt; }

    /** Masked CRC-32C as TFRecord writes it: rotate right by 15, add a constant. */
    static int mask(int crc) { return ((crc >>> 15) | (crc << 17)) + MASK_DELTA; }

    private int masked(int from, int len) {
        crc.reset();
        crc.update(buf.array(), from, len);
        return mask((int) crc.getValue());
    }

    /** Makes [at, at+n) of the buffer hold file bytes, reading more; false when the file has not got them yet. */
    private boolean available(int at, int n) throws IOException {
        if (at + n <= buf.limit()) return true;
        int keep = buf.limit() - at;
        if (n > buf.capacity()) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(n, buf.capacity() * 2)).order(ByteOrder.LITTLE_ENDIAN);
            bigger.put(0, buf, at, keep);
            buf = bigger;
        } else {
            System.arraycopy(buf.array(), at, buf.array(), 0, keep);
        }
        bufStart = next;
        buf.limit(buf.capacity());
        buf.position(keep);
        while (buf.position() < n) {
            int r = channel.read(buf, bufStart + buf.position());
            if (r <= 0) break;
        }
        buf.limit(buf.position());
        buf.position(0);
        return n <= buf.limit();
    }
}

package io.joulebit.progress.metricfile.mlflow;

import io.joulebit.progress.metricfile.PointFile;
import io.joulebit.progress.metricfile.ScalarPoint;
import io.joulebit.progress.tail.FileIdentity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One MLflow file-store metric ({@code metrics/<key>}): a line per logged value, {@code timestamp value step}
 * (milliseconds, Python float repr, int), or {@code timestamp value} in stores written before steps existed (MLflow
 * reads those as step 0 for every value; here the value's line number is its step, so the curve keeps its points).
 * A line without its newline yet is the writer mid-append and waits; a malformed line is counted and skipped.
 */
public final class MetricHistoryFile implements PointFile {
    private final Path path;
    private final String key;
    private final FileIdentity identity;
    private final FileChannel channel;
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 16);
    private long bufStart;
    private long corrupt;
    private long lineNo;                 // lines before the next one, for step-less lines

    public MetricHistoryFile(Path path, String key, long offset) throws IOException {
        this.path = path;
        this.key = key;
        this.identity = FileIdentity.of(path).orElseThrow(() -> new NoSuchFileException(path.toString()));
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.bufStart = offset;
        buf.limit(0);
        if (offset > 0) lineNo = linesBefore(offset);
    }

    private long linesBefore(long offset) throws IOException {
        long n = 0;
        ByteBuffer b = ByteBuffer.allocate(1 << 16);
        for (long at = 0; at < offset; ) {
            b.clear().limit((int) Math.min(b.capacity(), offset - at));
            int r = channel.read(b, at);
            if (r <= 0) break;
            for (int i = 0; i < r; i++) if (b.get(i) == '\n') n++;
            at += r;
        }
        return n;
    }

    @Override public Path path() { return path; }
    @Override public FileIdentity identity() { return identity; }
    @Override public long corrupt() { return corrupt; }

    @Override
    public ScalarPoint next() throws IOException {
        while (true) {
            int nl = newline();
            if (nl < 0) {
                if (!fill()) return null;
                continue;
            }
            int from = buf.position();
            buf.position(nl + 1);
            String line = new String(buf.array(), from, nl - from, StandardCharsets.UTF_8).strip();
            long no = lineNo++;
            if (line.isEmpty()) continue;
            ScalarPoint p = parse(line, no, bufStart + nl + 1);
            if (p != null) return p;
            corrupt++;
        }
    }

    private ScalarPoint parse(String line, long no, long end) {
        String[] f = line.split(" ");
        if (f.length != 2 && f.length != 3) return null;
        try {
            long ts = Long.parseLong(f[0]);
            double v = value(f[1]);
            long step = f.length == 3 ? Long.parseLong(f[2]) : no;
            return new ScalarPoint(key, step, v, ts / 1000.0, end);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Python's float repr: also "nan", "inf", "-inf". */
    static double value(String s) {
        return switch (s) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    private int newline() {
        byte[] a = buf.array();
        for (int i = buf.position(); i < buf.limit(); i++) if (a[i] == '\n') return i;
        return -1;
    }

    /** Moves the unread tail to the front and reads more; false when nothing new was read. */
    private boolean fill() throws IOException {
        int keep = buf.remaining();
        if (keep == buf.capacity()) {             // a line longer than the buffer: no metric line is; skip it
            bufStart += keep;
            buf.position(0).limit(0);
            corrupt++;
            keep = 0;
        }
        System.arraycopy(buf.array(), buf.position(), buf.array(), 0, keep);
        bufStart += buf.position();
        buf.limit(buf.capacity()).position(keep);
        int r = channel.read(buf, bufStart + keep);
        buf.limit(keep + Math.max(r, 0)).position(0);
        return r > 0;
    }

    @Override
    public void close() throws IOException { channel.close(); }
}

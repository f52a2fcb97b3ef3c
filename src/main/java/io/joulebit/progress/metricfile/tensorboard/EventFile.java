package io.joulebit.progress.metricfile.tensorboard;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.joulebit.progress.metricfile.PointFile;
import io.joulebit.progress.metricfile.ScalarPoint;
import io.joulebit.progress.metricfile.tensorboard.proto.Event;
import io.joulebit.progress.metricfile.tensorboard.proto.Summary;
import io.joulebit.progress.metricfile.tensorboard.proto.SummaryOrBuilder;
import io.joulebit.progress.tail.FileIdentity;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * A TensorBoard event file read from a byte offset: TFRecords ({@link TfRecordReader}) holding Event protos, of which
 * only the scalars come out, keyed by {@code prefix + tag}. Read from the start, the first record must be the
 * "brain.Event:N" header, so a file that is not an event file is refused rather than read as noise.
 */
public final class EventFile implements PointFile {
    private final Path path;
    private final String prefix;
    private final FileIdentity identity;
    private final FileChannel channel;
    private final TfRecordReader records;
    private final ScalarValues values = new ScalarValues();
    private final ArrayDeque<ScalarPoint> queued = new ArrayDeque<>();
    private final Map<ByteString, String> keys = new HashMap<>();
    /** Reused for every record: parsing into it builds no Event or Summary message (and their lists) per record. */
    private final Event.Builder event = Event.newBuilder();
    private boolean checked;
    private long undecodable;

    /** @param prefix the subfolder the file lies in, with a trailing '/', or "" at the run's root */
    public EventFile(Path path, String prefix, long offset) throws IOException {
        this.path = path;
        this.prefix = prefix;
        this.identity = FileIdentity.of(path).orElseThrow(() -> new NoSuchFileException(path.toString()));
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.records = new TfRecordReader(channel, offset);
        this.checked = offset > 0;
        if (!checked) records.strictUntilFirstRecord();
    }

    @Override public Path path() { return path; }
    @Override public FileIdentity identity() { return identity; }
    @Override public long corrupt() { return records.corrupt() + undecodable; }

    /** File offset just past the last record read. */
    public long offset() { return records.offset(); }

    @Override
    public ScalarPoint next() throws IOException {
        while (queued.isEmpty()) {
            TfRecordReader.Status s = records.next();
            if (s == TfRecordReader.Status.BAD_HEADER) {
                throw new NotAnEventFileException(path, "its first bytes are not a TFRecord (length CRC mismatch)");
            }
            if (s == TfRecordReader.Status.NEED_MORE) return null;
            Event.Builder e = event.clear();
            try {
                e.mergeFrom(records.array(), records.dataOffset(), records.dataLength());
            } catch (InvalidProtocolBufferException x) {
                if (!checked) throw new NotAnEventFileException(path, "its first record is not an Event");
                undecodable++;
                continue;
            }
            if (!checked) {
                if (!e.getFileVersion().startsWith("brain.Event:")) {
                    throw new NotAnEventFileException(path, "its first record has no file_version \"brain.Event:N\"");
                }
                checked = true;
            }
            if (e.hasSummary()) enqueue(e);
        }
        return queued.poll();
    }

    private void enqueue(Event.Builder e) {
        long end = records.offset();
        SummaryOrBuilder summary = e.getSummaryOrBuilder();
        for (int i = 0, n = summary.getValueCount(); i < n; i++) {
            Summary.Value v = summary.getValue(i);
            Double x = values.scalar(v);
            if (x != null) queued.add(new ScalarPoint(key(v), e.getStep(), x, e.getWallTime(), end));
        }
    }

    /**
     * One String per series, handed out again for every record of it: the key is then compared by identity and its
     * hash computed once (a fresh string per record cost replay-log a tenth of its time on 1M scalars). The tag stays
     * raw bytes (the .proto declares it bytes) and is decoded once per series.
     */
    private String key(Summary.Value v) {
        ByteString raw = v.getTag();
        String k = keys.get(raw);
        if (k == null) {
            k = prefix + raw.toStringUtf8();
            if (keys.size() < 10_000) keys.put(raw, k);
        }
        return k;
    }

    @Override
    public void close() throws IOException { channel.close(); }
}

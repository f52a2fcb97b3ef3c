package io.joulebit.progress.tail;

import io.joulebit.health.Health;
import io.joulebit.health.HealthLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Follows a log file by path, the way google/mtail does: polls, reads complete lines, and survives rotation by
 * rename+create (the old file is read to its end, its unfinished last line flushed, then the new file is read from
 * 0), copytruncate (the file shrank below what was read: start over at 0), deletion (waits for the path to come
 * back), a path that does not exist yet, and a symlink pointed elsewhere. Works on its own daemon thread after
 * {@link #start()}, or synchronously through {@link #pollOnce()}.
 *
 * <pre>{@code
 * LogTailer tailer = LogTailer.builder(Path.of("train.log")).resumeFrom(saved).build(line -> handle(line));
 * tailer.start();
 * ... store.save(tailer.position());
 * }</pre>
 */
public final class LogTailer implements AutoCloseable {
    /**
     * Once a second, like the sampling: a step shows up in a snapshot within ~1 s, and each poll is a wake-up of
     * two threads (tailer, accountant), which at 4 polls/s was a third of the sidecar's CPU (bench/README.md).
     * A path rotated twice between two polls loses nothing: the middle file, never seen at the path, is found among
     * the rotated siblings by identity and write time (see {@link #switchToNewFile()}).
     */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;
    private static final int READ_CHUNK = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(LogTailer.class);

    private final Path path;
    private final Duration pollInterval;
    private final FileOpener opener;
    private final LineSink sink;
    private final LineAssembler assembler;
    private final ByteBuffer buffer = ByteBuffer.allocate(READ_CHUNK);
    private final TailStats stats = new TailStats();
    /** Opening and reading the file: read errors counted by reason; WARN per reason, INFO when readable again. */
    private final HealthLog access = new HealthLog(LOG);
    /** Lines dropped or refused by the consumer: counted in {@link #stats}, only logged here. */
    private final HealthLog lineLog = new HealthLog(LOG);
    private final Lines lines = new Lines();

    private final StartPoint start;

    /** Margin under the last look at the path for file write times: the kernel stamps them from a coarse clock. */
    private static final long MTIME_MARGIN_MILLIS = 2000;
    /** Files read lately (by identity), so a rotated one is never taken for a middle file and read twice. */
    private final ArrayDeque<FileIdentity> recentlyRead = new ArrayDeque<>();
    private long lastSawCurrentAtPathMillis = Long.MIN_VALUE;

    private OpenedFile current;
    private volatile TailPosition position;
    private volatile boolean closed;
    private volatile Thread thread;

    private LogTailer(Builder b, LineSink sink) {
        this.path = b.path;
        this.pollInterval = b.pollInterval;
        this.opener = b.opener;
        this.sink = Objects.requireNonNull(sink, "sink");
        this.assembler = new LineAssembler(b.maxLineBytes);
        this.start = new StartPoint(b.startAtEnd, b.resume);
        this.position = b.resume;
    }

    public static Builder builder(Path path) { return new Builder(path); }

    public Path path() { return path; }

    /** The file being read and the offset just past its last complete line; empty before a file was first opened. */
    public Optional<TailPosition> position() { return Optional.ofNullable(position); }

    public TailCounters counters() { return stats.snapshot(access.health()); }

    /** Read errors by reason and the last one; down while the file cannot be opened or read. */
    public Health health() { return access.health(); }

    /** Reads whatever is new, following rotation and truncation; the tailer thread calls this every interval. */
    public synchronized void pollOnce() {
        if (closed) return;
        if (current == null && !open()) return;
        long lookedAt = System.currentTimeMillis();
        Optional<FileIdentity> atPath = identityAtPath(); // looked at before reading, so no write to the old file is missed
        readToEnd();
        if (atPath.isPresent() && !atPath.get().equals(current.identity)) {
            switchToNewFile(atPath.get());
        } else if (atPath.isPresent()) {
            lastSawCurrentAtPathMillis = lookedAt;
        }
        if (current != null && !closed) sink.caughtUp();
    }

    public synchronized void start() {
        if (thread != null || closed) throw new IllegalStateException("tailer of " + path + " already started or closed");
        Thread t = new Thread(this::loop, "joulebit-tail-" + path.getFileName());
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public void close() {
        closed = true;
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (current != null) current.closeQuietly();
            current = null;
        }
    }

    private void loop() {
        while (!closed) {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                LOG.error("tailing {}: poll failed; continuing", path, e);
            }
            try {
                TimeUnit.NANOSECONDS.sleep(pollInterval.toNanos());
            } catch (InterruptedException e) {
                if (closed) return;
            }
        }
    }

    private boolean open() {
        long lookedAt = System.currentTimeMillis();
        try {
            current = start.used() ? OpenedFile.open(path, opener) : start.open(path, opener, buffer, stats.truncations);
        } catch (IOException e) {
            accessFailed(e);
            return false;
        }
        if (current == null) return false;
        position = current.position();
        lastSawCurrentAtPathMillis = lookedAt;
        access.allRecovered("tailing {}: readable again", path);
        return true;
    }

    private void readToEnd() {
        OpenedFile f = current;
        try {
            if (f.channel.size() < f.readOffset) {
                assembler.flush(lines, f.readOffset);
                stats.truncations.increment();
                LOG.info("tailing {}: truncated below offset {}; reading from 0", path, f.readOffset);
                f.readOffset = f.lineOffset = 0;
                position = f.position();
            }
            while (!closed) {
                buffer.clear();
                int n = f.channel.read(buffer, f.readOffset);
                if (n <= 0) break;
                assembler.feed(buffer.array(), n, f.readOffset, lines);
                f.readOffset += n;
                position = f.position();
            }
        } catch (ClosedByInterruptException e) {
            Thread.currentThread().interrupt(); // close() is stopping us
        } catch (IOException e) {
            accessFailed(e);
        }
    }

    /**
     * The path names another file: finish the old one, then any file that was at the path in between (rotated twice
     * within one poll: the middle file, found by identity among the rotated siblings, written since the old file was
     * last seen at the path), each to its end, then follow the new one from its start.
     */
    private void switchToNewFile(FileIdentity atPath) {
        OpenedFile old = current;
        finish(old);
        LOG.info("tailing {}: rotated away from {} (read to its end); following the new file", path,
                old.openedAs.equals(path) ? old.identity : old.openedAs.getFileName());
        if (lastSawCurrentAtPathMillis != Long.MIN_VALUE) {
            Set<FileIdentity> known = new HashSet<>(recentlyRead);
            known.add(atPath);
            try {
                var since = FileTime.fromMillis(lastSawCurrentAtPathMillis - MTIME_MARGIN_MILLIS);
                for (Path middle : RotatedFiles.writtenSince(path, known, since)) {
                    OpenedFile f = OpenedFile.open(middle, opener);
                    if (f == null) continue;
                    current = f;
                    position = f.position();
                    readToEnd();
                    finish(f);
                    LOG.info("tailing {}: read {} to its end too (rotated past between two polls)", path,
                            middle.getFileName());
                }
            } catch (IOException e) {
                accessFailed(e);
            }
        }
        if (open()) readToEnd();
    }

    private void finish(OpenedFile f) {
        assembler.flush(lines, f.readOffset);
        position = f.position();
        f.closeQuietly();
        current = null;
        stats.rotations.increment();
        recentlyRead.addLast(f.identity);
        if (recentlyRead.size() > 16) recentlyRead.removeFirst();
    }

    private Optional<FileIdentity> identityAtPath() {
        try {
            return FileIdentity.of(path);
        } catch (IOException e) {
            accessFailed(e);
            return Optional.empty();
        }
    }

    private void accessFailed(IOException e) {
        String reason = e instanceof AccessDeniedException ? TailStats.PERMISSION_DENIED : TailStats.IO;
        access.failure(reason, reason, e.toString(), "tailing {}: {} ({}); will keep trying", path, reason, e.toString());
    }

    /** Where the assembler's lines go: offsets advance, counters count, the sink gets cleaned text. */
    private final class Lines implements LineAssembler.Out {
        @Override
        public void line(String text, long nextOffset) {
            current.lineOffset = nextOffset;
            // Exact per line, so a consumer that records position() with each event resumes after that very line.
            position = current.position();
            stats.delivered.increment();
            try {
                sink.line(LineCleaner.clean(text));
            } catch (RuntimeException e) {
                lineLog.problem("sink", e.toString(), "tailing {}: line consumer failed: {}", path, e.toString());
            }
        }

        @Override
        public void rejected(long bytes, long nextOffset) {
            current.lineOffset = nextOffset;
            stats.rejected.increment();
            lineLog.problem("too_long", "line of " + bytes + " bytes", "tailing {}: dropped a {}-byte line (limit {} bytes)",
                    path, bytes, assembler.maxLineBytes());
        }
    }

    int lineBufferCapacity() { return assembler.bufferCapacity(); }

    public static final class Builder {
        private final Path path;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private int maxLineBytes = DEFAULT_MAX_LINE_BYTES;
        private FileOpener opener = FileOpener.DEFAULT;
        private boolean startAtEnd;
        private TailPosition resume;

        private Builder(Path path) { this.path = Objects.requireNonNull(path, "path"); }

        public Builder pollInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("pollInterval must be > 0");
            this.pollInterval = interval;
            return this;
        }

        /** Longest line kept, in bytes without terminator; longer lines are dropped and counted (default 1 MiB). */
        public Builder maxLineBytes(int bytes) {
            if (bytes <= 0) throw new IllegalArgumentException("maxLineBytes must be > 0");
            this.maxLineBytes = bytes;
            return this;
        }

        public Builder opener(FileOpener opener) {
            this.opener = Objects.requireNonNull(opener, "opener");
            return this;
        }

        /** Skip what the file already holds (default: read it from the beginning). */
        public Builder startAtEnd() {
            this.startAtEnd = true;
            this.resume = null;
            return this;
        }

        /** Continue where a previous run stopped; a file rotated meanwhile is finished first (found by identity). */
        public Builder resumeFrom(TailPosition position) {
            this.resume = Objects.requireNonNull(position, "position");
            this.startAtEnd = false;
            return this;
        }

        public LogTailer build(LineSink sink) { return new LogTailer(this, sink); }
    }
}

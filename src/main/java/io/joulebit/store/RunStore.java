package io.joulebit.store;

import io.joulebit.power.PowerSample;
import io.joulebit.progress.StepEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The embedded run store (SQLite, WAL). Write calls only enqueue (never touch the disk, never throw for I/O): one
 * writer thread commits batches, so the sampling and scrape paths never wait on storage, and a failing disk only
 * marks {@link #health()} down while the bounded queue keeps the newest data for the retry. Reads go through their
 * own connection and see the last commit.
 */
public final class RunStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunStore.class);

    private final StoreOptions options;
    private final WriteQueue queue;
    private final HealthTracker health;
    private final PowerDownsampler downsampler = new PowerDownsampler();
    private final Thread writer;
    private final Instant anchorWall;
    private final long anchorMono;
    private final List<Consumer<Checkpoint>> committed =
            new CopyOnWriteArrayList<>();
    private StoreReader reader; // opened on first read

    private RunStore(StoreOptions options, StoreOpener opener, HealthTracker health, Connection first) {
        this.options = options;
        this.health = health;
        this.queue = new WriteQueue(options.queueCapacity(), options.batchRows());
        this.anchorWall = options.wall().instant();
        this.anchorMono = options.mono().nanoTime();
        this.writer = new Thread(new StoreWriter(options, opener, queue, health, first, this::committed),
                "joulebit-store-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Opens (or creates) the store and starts its writer. The first open runs here, so a corrupt file is moved aside
     * and the schema migrated before the caller reads; if it fails the store still comes up, down, and keeps retrying.
     */
    public static RunStore open(StoreOptions options) {
        HealthTracker health = new HealthTracker(options.path().toString());
        StoreOpener opener = new StoreOpener(options);
        Connection first = null;
        try {
            first = opener.open();
            health.success();
        } catch (SQLException | IOException | RuntimeException e) {
            health.failure("open", e);
        }
        return new RunStore(options, opener, health, first);
    }

    /** Records a run, or updates it on resume (its first start time is kept). */
    public void startRun(RunRecord run) { queue.offer(new WriteBatch.Upsert(run)); }

    public void endRun(String runId, Instant ended) { queue.offer(new WriteBatch.End(runId, ended)); }

    /** Journals a sample, stamped with the wall time of its monotonic timestamp; downsampled to 1/s per device. */
    public void power(String runId, PowerSample sample) { power(runId, sample, wallOf(sample.monoNanos())); }

    public void power(String runId, PowerSample sample, Instant wallTime) {
        downsampler.offer(PowerRow.of(runId, sample, wallTime)).ifPresent(queue::offer);
    }

    public void step(String runId, StepEvent event) { step(runId, event, wallOf(event.monoNanos())); }

    public void step(String runId, StepEvent event, Instant wallTime) { queue.offer(StepRow.of(runId, event, wallTime)); }

    /** Queues a checkpoint (with its tail position: one transaction); replaces an unwritten older one of the run. */
    public void checkpoint(Checkpoint checkpoint) {
        releaseHeldSamples();
        queue.offer(checkpoint);
    }

    /**
     * Called on the writer thread with each checkpoint once its transaction has committed (it is then durable against
     * a killed process); must not block. A checkpoint replaced before it was written is never reported.
     */
    public void onCommitted(Consumer<Checkpoint> listener) { committed.add(listener); }

    private void committed(Checkpoint c) {
        for (var l : committed) {
            try {
                l.accept(c);
            } catch (RuntimeException e) {
                LOG.error("checkpoint listener failed", e); // never lose the writer thread
            }
        }
    }

    /** Waits until everything queued so far is committed; false at the timeout (e.g. while the disk fails). */
    public boolean flush(Duration timeout) {
        releaseHeldSamples();
        try {
            return queue.flush(timeout.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public StoreHealth health() { return health.snapshot(queue.dropped()); }

    /** The wall time of a monotonic timestamp, anchored when the store opened (immune to later wall-clock steps). */
    public Instant wallOf(long monoNanos) { return anchorWall.plusNanos(monoNanos - anchorMono); }

    public List<RunSummary> listRuns() throws StoreException { return reader().listRuns(); }

    public Optional<RunRecord> loadRun(String id) throws StoreException { return reader().loadRun(id); }

    public Optional<Checkpoint> latestCheckpoint(String runId) throws StoreException {
        return reader().latestCheckpoint(runId);
    }

    public List<Checkpoint> checkpoints(String runId) throws StoreException { return reader().checkpoints(runId); }

    public List<PowerRow> powerJournal(String runId) throws StoreException { return reader().powerJournal(runId); }

    public List<StepRow> steps(String runId) throws StoreException { return reader().steps(runId); }

    /** Everything journaled for the run since {@code since}: its checkpoints, power samples and steps. */
    public Journal journal(String runId, Instant since) throws StoreException {
        StoreReader r = reader();
        return new Journal(r.checkpoints(runId, since), r.powerJournal(runId, since), r.steps(runId, since));
    }

    public record Journal(List<Checkpoint> checkpoints, List<PowerRow> power, List<StepRow> steps) {}

    /** Writes what is queued (up to closeTimeout), then stops the writer; what could not be written is logged. */
    @Override
    public void close() {
        releaseHeldSamples();
        queue.close();
        try {
            writer.join(options.closeTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) writer.interrupt();
        int left = queue.pending();
        if (left > 0) LOG.warn("store {}: closed with {} unwritten items ({})", options.path(), left, health());
        synchronized (this) {
            if (reader != null) reader.close();
        }
    }

    private void releaseHeldSamples() {
        for (PowerRow row : downsampler.drain()) queue.offer(row);
    }

    private synchronized StoreReader reader() throws StoreException {
        if (reader == null) reader = StoreReader.open(options.path(), options.connections());
        return reader;
    }
}

package io.joulebit.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The hand-off between the agent's threads (which never wait on disk) and the store's single writer. Journal rows are
 * bounded: when full the oldest is dropped and counted. Run changes are never dropped; checkpoints are never dropped
 * but a newer one for the same run replaces an unwritten older one (it carries every total the older one did).
 */
final class WriteQueue {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final int capacity;
    private final int batchRows;
    private final ArrayDeque<JournalRow> rows = new ArrayDeque<>();
    private final ArrayDeque<WriteBatch.RunChange> runChanges = new ArrayDeque<>();
    private final Map<String, Checkpoint> checkpoints = new LinkedHashMap<>();
    private long dropped;
    private boolean inFlight;
    private boolean flushRequested;
    private boolean closed;

    WriteQueue(int capacity, int batchRows) {
        this.capacity = capacity;
        this.batchRows = batchRows;
    }

    void offer(JournalRow row) {
        lock.lock();
        try {
            if (closed) {
                dropped++;
                return;
            }
            if (rows.size() >= capacity) {
                rows.pollFirst();
                dropped++;
            }
            rows.addLast(row);
            if (rows.size() >= batchRows) changed.signalAll(); // a full batch: worth a transaction now
        } finally {
            lock.unlock();
        }
    }

    void offer(WriteBatch.RunChange change) {
        urgent(() -> runChanges.addLast(change));
    }

    void offer(Checkpoint checkpoint) {
        urgent(() -> {
            checkpoints.remove(checkpoint.runId()); // re-insert: keeps the map in arrival order
            checkpoints.put(checkpoint.runId(), checkpoint);
        });
    }

    private void urgent(Runnable change) {
        lock.lock();
        try {
            if (closed) return;
            change.run();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits up to {@code maxWaitNanos} for something worth a transaction (a checkpoint, a run change, a full batch, a
     * flush or close), then takes it all, up to a batch of journal rows. Empty when nothing came.
     */
    WriteBatch take(long maxWaitNanos) throws InterruptedException {
        int maxRows = batchRows;
        lock.lock();
        try {
            long nanos = maxWaitNanos;
            while (!closed && !flushRequested && runChanges.isEmpty() && checkpoints.isEmpty() && rows.size() < maxRows
                    && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
            List<JournalRow> taken = new ArrayList<>(Math.min(rows.size(), maxRows));
            while (!rows.isEmpty() && taken.size() < maxRows) taken.add(rows.pollFirst());
            WriteBatch batch = new WriteBatch(List.copyOf(runChanges), taken, List.copyOf(checkpoints.values()));
            runChanges.clear();
            checkpoints.clear();
            inFlight = !batch.isEmpty();
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /** The writer is done with {@code batch}; a failed one goes back to the front, still within the bounds. */
    void done(WriteBatch batch, boolean written) {
        lock.lock();
        try {
            inFlight = false;
            if (!written) {
                for (int i = batch.rows().size() - 1; i >= 0; i--) rows.addFirst(batch.rows().get(i));
                while (rows.size() > capacity) {
                    rows.pollFirst();
                    dropped++;
                }
                for (int i = batch.runChanges().size() - 1; i >= 0; i--) runChanges.addFirst(batch.runChanges().get(i));
                for (Checkpoint c : batch.checkpoints()) checkpoints.putIfAbsent(c.runId(), c); // newer one wins
            }
            if (isEmpty()) flushRequested = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Asks for everything queued to be written now; true once it is (false at the timeout, e.g. while failing). */
    boolean flush(long timeoutNanos) throws InterruptedException {
        lock.lock();
        try {
            flushRequested = true;
            changed.signalAll();
            long nanos = timeoutNanos;
            while (!isEmpty() || inFlight) {
                if (nanos <= 0) return false;
                nanos = changed.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Sleeps for a retry backoff, cut short by close(). */
    void pause(long nanos) throws InterruptedException {
        lock.lock();
        try {
            long left = nanos;
            while (!closed && left > 0) left = changed.awaitNanos(left);
        } finally {
            lock.unlock();
        }
    }

    void close() { urgent(() -> closed = true); }

    boolean isClosed() { return locked(() -> closed); }

    long dropped() { return locked(() -> dropped); }

    int pending() { return locked(() -> rows.size() + runChanges.size() + checkpoints.size()); }

    private boolean isEmpty() { return rows.isEmpty() && runChanges.isEmpty() && checkpoints.isEmpty(); }

    private <T> T locked(Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }
}

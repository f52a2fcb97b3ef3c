package io.joulebit.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * The store's one writer thread: takes batches from the queue and commits them. Any failure (disk full, read-only,
 * locked, file gone) rolls the batch back into the queue, drops the connection, and retries with doubling backoff;
 * it never propagates to the agent.
 */
final class StoreWriter implements Runnable {
    private final StoreOptions options;
    private final StoreOpener opener;
    private final WriteQueue queue;
    private final HealthTracker health;
    private final BatchWriter batches = new BatchWriter();
    private final Consumer<Checkpoint> committed;
    private Connection connection; // owned by this thread once started

    StoreWriter(StoreOptions options, StoreOpener opener, WriteQueue queue, HealthTracker health, Connection first,
                Consumer<Checkpoint> committed) {
        this.committed = committed;
        this.options = options;
        this.opener = opener;
        this.queue = queue;
        this.health = health;
        this.connection = first;
    }

    @Override
    public void run() {
        long backoff = options.backoffMin().toNanos();
        try {
            while (true) {
                boolean closing = queue.isClosed();
                if (closing && queue.pending() == 0) return;
                if (step()) {
                    backoff = options.backoffMin().toNanos();
                } else {
                    if (closing) return; // close() must not hang on a broken disk; the caller reports what is left
                    queue.pause(backoff);
                    backoff = Math.min(backoff * 2, options.backoffMax().toNanos());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Sql.closeQuietly(connection);
        }
    }

    /** One open-or-write attempt; false when it failed. */
    private boolean step() throws InterruptedException {
        if (connection == null) {
            try {
                connection = opener.open();
            } catch (SQLException | IOException | RuntimeException e) {
                health.failure("open", e);
                return false;
            }
        }
        WriteBatch batch = queue.take(options.flushInterval().toNanos());
        if (batch.isEmpty()) {
            queue.done(batch, true);
            return true;
        }
        try {
            batches.write(connection, batch);
            health.success(); // before done(): a flush() that returns true sees the store up
            batch.checkpoints().forEach(committed); // before done(): after flush() the view shows the commit
            queue.done(batch, true);
            return true;
        } catch (SQLException | RuntimeException e) {
            health.failure("write", e);
            if (e instanceof SQLException sql && Sql.isCorrupt(sql)) opener.checkIntegrityNextOpen(); // → moved aside
            queue.done(batch, false);
            Sql.closeQuietly(connection); // reopen next time: the file may have been replaced, fixed or unlocked
            connection = null;
            return false;
        }
    }
}

/**
 * The embedded run store: one SQLite file in WAL mode holding runs, a downsampled power journal, step events,
 * periodic checkpoints of every total (with the log tailer's file identity and offset in the same row) for resume
 * and audit.
 *
 * <h2>Durability</h2>
 * <ul>
 *   <li><b>Process killed ({@code kill -9}, OOM killer):</b> nothing committed is lost and the file is never
 *   corrupted. In WAL mode a commit appends the transaction to {@code -wal} with a commit marker; once {@code write()}
 *   returns, the bytes are in the OS page cache and survive the process. A transaction cut short has no commit frame
 *   and is ignored on the next open. So a kill loses only what was still queued in memory: at most the newest
 *   checkpoint (the queue holds one per run) and the journal rows of the last flush interval.</li>
 *   <li><b>OS crash or power loss:</b> {@code synchronous=NORMAL} does not fsync the WAL on every commit, only at
 *   WAL checkpoints, so the last commits before the crash may roll back; the database stays consistent (SQLite's
 *   documented guarantee for WAL + NORMAL). {@code FULL} would add an fsync per commit for little gain: resume then
 *   starts from an older checkpoint and its tail offset together, so totals and log stay in step.</li>
 *   <li><b>Resume is exact:</b> the totals and the tail offset are one row, written in one transaction: a resume never
 *   counts a line twice or skips one.</li>
 * </ul>
 * {@code StoreKillTest} kills a child JVM ({@code CheckpointLoopMain}) at random moments and checks all of this.
 *
 * <h2>Failure</h2>
 * Writes only enqueue; a failing disk marks {@link io.joulebit.store.StoreHealth} down, logs once, and the writer
 * retries with backoff while the bounded queue keeps the newest data. A file that is not a database or fails
 * {@code PRAGMA quick_check} is renamed {@code <name>.corrupt-<UTC stamp>} and a fresh store started.
 */
package io.joulebit.store;

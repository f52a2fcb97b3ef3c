package io.joulebit.store;

/**
 * What the store reports about itself (for /healthz and the store metrics).
 *
 * @param up          false while writes fail (the store keeps accepting into its bounded queue and retries)
 * @param writeErrors failed open/commit attempts since start
 * @param droppedRows journal rows (power samples, steps) dropped because the queue was full; checkpoints are never
 *                    dropped, only superseded by a newer one
 * @param lastError   the latest error message, kept after recovery for diagnosis; "" when none yet
 */
public record StoreHealth(boolean up, long writeErrors, long droppedRows, String lastError) {
}

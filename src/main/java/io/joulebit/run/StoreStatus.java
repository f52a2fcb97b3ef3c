package io.joulebit.run;

/**
 * The run store as exported: absent when the store is disabled.
 *
 * @param wallClockSteps times the wall clock moved more than a second apart from the monotonic clock (checkpoints
 *                       are paced on the monotonic one, so a step neither stops nor floods them)
 */
public record StoreStatus(boolean up, long writeErrors, long droppedRows, long wallClockSteps) {
}

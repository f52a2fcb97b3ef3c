package io.joulebit.run;

import java.util.Map;

/**
 * The run store as exported: absent when the store is disabled.
 *
 * @param wallClockSteps times the wall clock moved more than a second apart from the monotonic clock (checkpoints
 *                       are paced on the monotonic one, so a step neither stops nor floods them)
 * @param resumeGaps     downtimes left uncovered on resume: device → reason → count
 */
public record StoreStatus(boolean up, long writeErrors, long droppedRows, long wallClockSteps,
                          Map<String, Map<String, Long>> resumeGaps) {
    public StoreStatus(boolean up, long writeErrors, long droppedRows, long wallClockSteps) {
        this(up, writeErrors, droppedRows, wallClockSteps, Map.of());
    }

    public StoreStatus {
        resumeGaps = Map.copyOf(resumeGaps);
    }
}

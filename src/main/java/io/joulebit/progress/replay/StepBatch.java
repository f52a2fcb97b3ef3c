package io.joulebit.progress.replay;

import io.joulebit.progress.StepEvent;
import io.joulebit.progress.format.StepRecord;

import java.util.List;

/**
 * A run of parsed events handed from the parsing stage of {@link StepReplay} to its writing stage, in file order.
 * The records are reused from batch to batch, so a long replay allocates nothing per line.
 */
final class StepBatch {
    static final int CAPACITY = 4096;

    final StepRecord[] records = new StepRecord[CAPACITY];
    int size;
    /** The input ended (or failed) with this batch. */
    boolean last;

    StepBatch() {
        for (int i = 0; i < CAPACITY; i++) records[i] = new StepRecord();
    }

    /** Room for one more line's events (a line yields at most a few). */
    boolean full() { return size > CAPACITY - 16; }

    /** The next record to parse into; {@link #commit} keeps it. */
    StepRecord slot() { return records[size]; }

    void commit() { size++; }

    void add(List<StepEvent> events, long consumedSamples) {
        for (StepEvent e : events) {
            if (size == CAPACITY) throw new IllegalStateException("batch overflow");
            records[size++].set(e, consumedSamples);
        }
    }

    void clear() {
        size = 0;
        last = false;
    }
}

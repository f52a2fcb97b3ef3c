package io.joulebit.store;

/** A row of the journal (power samples, step events): may be dropped when the write queue is full. */
sealed interface JournalRow permits PowerRow, StepRow {
    String runId();
}

package io.joulebit.store;

import java.time.Instant;
import java.util.List;

/** What the writer commits in one transaction: run changes, journal rows, then the newest checkpoint per run. */
record WriteBatch(List<RunChange> runChanges, List<JournalRow> rows, List<Checkpoint> checkpoints) {
    boolean isEmpty() { return runChanges.isEmpty() && rows.isEmpty() && checkpoints.isEmpty(); }

    /** A change to the runs table; never dropped. */
    sealed interface RunChange permits Upsert, End {}

    record Upsert(RunRecord run) implements RunChange {}

    record End(String runId, Instant ended) implements RunChange {}
}

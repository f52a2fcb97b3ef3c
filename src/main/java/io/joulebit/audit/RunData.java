package io.joulebit.audit;

import io.joulebit.store.Checkpoint;
import io.joulebit.store.ConnectionFactory;
import io.joulebit.store.PowerRow;
import io.joulebit.store.RunRecord;
import io.joulebit.store.RunSummary;
import io.joulebit.store.StepRow;
import io.joulebit.store.StoreException;
import io.joulebit.store.StoreReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** Everything the store holds about one run, read once through a read-only connection (the store is never written). */
public record RunData(RunRecord run, List<Checkpoint> checkpoints, List<PowerRow> power, List<StepRow> steps) {
    /** How many known run ids an "unknown run" message lists. */
    static final int KNOWN_IDS_SHOWN = 10;

    public RunData {
        Objects.requireNonNull(run, "run");
        checkpoints = List.copyOf(checkpoints);
        power = List.copyOf(power);
        steps = List.copyOf(steps);
    }

    /** The latest checkpoint: the run's totals. */
    public Optional<Checkpoint> last() {
        return checkpoints.isEmpty() ? Optional.empty() : Optional.of(checkpoints.get(checkpoints.size() - 1));
    }

    /**
     * Loads run {@code runId} from the store at {@code db}.
     *
     * @throws AuditException exit 1 when the store is missing or unreadable, exit 2 when the run is unknown
     */
    public static RunData load(Path db, String runId) throws AuditException {
        if (!Files.isRegularFile(db)) {
            throw new AuditException(1, db + ": no store here (nothing recorded yet, or a wrong --store path)");
        }
        if (!Files.isReadable(db)) throw new AuditException(1, db + ": store is not readable");
        try (StoreReader reader = StoreReader.open(db, ConnectionFactory.SQLITE_READ_ONLY)) {
            Optional<RunRecord> run = reader.loadRun(runId);
            if (run.isEmpty()) throw new AuditException(2, unknownRun(db, runId, reader.listRuns()));
            return new RunData(run.get(), reader.checkpoints(runId), reader.powerJournal(runId),
                    reader.steps(runId));
        } catch (StoreException e) {
            throw new AuditException(1, db + ": " + e.getMessage(), e);
        }
    }

    private static String unknownRun(Path db, String runId, List<RunSummary> runs) {
        if (runs.isEmpty()) return "unknown run '" + runId + "': " + db + " holds no runs";
        // Newest first: the run the user most likely meant.
        List<String> ids = runs.stream().map(r -> r.run().id()).collect(Collectors.toList());
        Collections.reverse(ids);
        String shown = ids.stream().limit(KNOWN_IDS_SHOWN).collect(Collectors.joining(", "));
        String more = ids.size() > KNOWN_IDS_SHOWN ? " (and " + (ids.size() - KNOWN_IDS_SHOWN) + " more)" : "";
        return "unknown run '" + runId + "' in " + db + "; known runs (newest first): " + shown + more;
    }
}

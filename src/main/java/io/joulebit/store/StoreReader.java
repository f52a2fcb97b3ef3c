package io.joulebit.store;

import io.joulebit.progress.Phase;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a store: the runs, their checkpoints and journals. Its own connection, so reads never wait on the writer (WAL
 * readers see the last commit). For the CLI and audit report; the agent reads through {@link RunStore}.
 */
public final class StoreReader implements AutoCloseable {
    private final Connection connection;

    private StoreReader(Connection connection) { this.connection = connection; }

    /** Opens {@code db} with {@code factory} (use {@link ConnectionFactory#SQLITE_READ_ONLY} to only look). */
    public static StoreReader open(Path db, ConnectionFactory factory) throws StoreException {
        try {
            Connection c = factory.open(db);
            StoreOpener.configure(c, 2_000);
            return new StoreReader(c);
        } catch (SQLException e) {
            throw new StoreException("cannot open store " + db + ": " + e.getMessage(), e);
        }
    }

    public synchronized List<RunSummary> listRuns() throws StoreException {
        List<RunSummary> out = new ArrayList<>();
        for (RunRecord r : query("SELECT * FROM runs ORDER BY created_ns, id", "", StoreReader::run)) {
            out.add(new RunSummary(r, latestCheckpoint(r.id())));
        }
        return out;
    }

    public synchronized Optional<RunRecord> loadRun(String id) throws StoreException {
        return query("SELECT * FROM runs WHERE id = ?", id, StoreReader::run).stream().findFirst();
    }

    public synchronized Optional<Checkpoint> latestCheckpoint(String runId) throws StoreException {
        return CheckpointRows.read(this, "SELECT * FROM checkpoints WHERE run_id = ? ORDER BY id DESC LIMIT 1", runId)
                .stream().findFirst();
    }

    /** Every checkpoint of the run, oldest first (the audit report's time series). */
    public synchronized List<Checkpoint> checkpoints(String runId) throws StoreException {
        return CheckpointRows.read(this, "SELECT * FROM checkpoints WHERE run_id = ? ORDER BY id", runId);
    }

    public synchronized List<PowerRow> powerJournal(String runId) throws StoreException {
        return powerJournal(runId, Long.MIN_VALUE);
    }

    /** The run's checkpoints from {@code since} on, oldest first (the live page's history after a restart). */
    public synchronized List<Checkpoint> checkpoints(String runId, Instant since) throws StoreException {
        return CheckpointRows.read(this, "SELECT * FROM checkpoints WHERE run_id = ? AND wall_ns >= "
                + Sql.nanos(since) + " ORDER BY id", runId);
    }

    /** The run's power journal from {@code since} on. */
    public synchronized List<PowerRow> powerJournal(String runId, Instant since) throws StoreException {
        return powerJournal(runId, Sql.nanos(since));
    }

    /** The run's steps from {@code since} on. */
    public synchronized List<StepRow> steps(String runId, Instant since) throws StoreException {
        return steps(runId, Sql.nanos(since));
    }

    // sinceNanos is a long, written into the SQL as a number: nothing a caller types reaches the statement text.
    private List<PowerRow> powerJournal(String runId, long sinceNanos) throws StoreException {
        return query("SELECT * FROM power_samples WHERE run_id = ? AND wall_ns >= " + sinceNanos
                + " ORDER BY wall_ns, device", runId, rs -> new PowerRow(
                rs.getString("run_id"), rs.getString("device"), rs.getString("kind"), rs.getString("source"),
                Sql.instant(rs.getLong("wall_ns")), Sql.getDouble(rs, "watts"), Sql.getOptionalDouble(rs, "energy_j"),
                Sql.getOptionalDouble(rs, "celsius"), Sql.getOptionalDouble(rs, "utilization")));
    }

    public synchronized List<StepRow> steps(String runId) throws StoreException {
        return steps(runId, Long.MIN_VALUE);
    }

    private List<StepRow> steps(String runId, long sinceNanos) throws StoreException {
        return query("SELECT * FROM steps WHERE run_id = ? AND wall_ns >= " + sinceNanos + " ORDER BY wall_ns, step",
                runId, rs -> new StepRow(
                rs.getString("run_id"), rs.getLong("step"), Phase.valueOf(rs.getString("phase").toUpperCase(Locale.ROOT)),
                Sql.getOptionalDouble(rs, "loss_nats"), Sql.getOptionalLong(rs, "tokens"),
                Sql.getOptionalDouble(rs, "lr"), Sql.getOptionalLong(rs, "batch_sequences"),
                Sql.instant(rs.getLong("wall_ns"))));
    }

    @Override
    public synchronized void close() { Sql.closeQuietly(connection); }

    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Runs {@code sql} with at most one string parameter ("" = none). */
    <T> List<T> query(String sql, String param, RowMapper<T> mapper) throws StoreException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            if (sql.indexOf('?') >= 0) ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) out.add(mapper.map(rs));
                return out;
            }
        } catch (SQLException | RuntimeException e) {
            throw new StoreException("store read failed: " + e.getMessage(), e);
        }
    }

    private static RunRecord run(ResultSet rs) throws SQLException {
        Map<String, String> labels;
        try {
            labels = LabelsJson.read(rs.getString("labels_json"));
        } catch (IOException e) {
            throw new SQLException("run " + rs.getString("id") + ": labels are not a JSON object", e);
        }
        return new RunRecord(rs.getString("id"), Sql.instant(rs.getLong("created_ns")), Sql.getInstant(rs, "started_ns"),
                Sql.getInstant(rs, "ended_ns"), rs.getString("config_yaml"), labels, Sql.getOptionalLong(rs, "params"));
    }
}

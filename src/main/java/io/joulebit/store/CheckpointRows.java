package io.joulebit.store;

import io.joulebit.progress.tail.FileIdentity;
import io.joulebit.progress.tail.TailPosition;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads checkpoints with their device totals and extra figures (three tables, one record). */
final class CheckpointRows {
    private record Head(long id, Checkpoint partial) {}

    private CheckpointRows() {}

    static List<Checkpoint> read(StoreReader reader, String checkpointSql, String runId) throws StoreException {
        List<Head> heads = reader.query(checkpointSql, runId, CheckpointRows::head);
        if (heads.isEmpty()) return List.of();
        String ids = "SELECT id FROM (" + checkpointSql + ")";
        Map<Long, Map<String, DeviceTotals>> devices = new HashMap<>();
        reader.query("SELECT * FROM checkpoint_devices WHERE checkpoint_id IN (" + ids + ") ORDER BY checkpoint_id,"
                + " device", runId, rs -> devices.computeIfAbsent(rs.getLong("checkpoint_id"), k -> new LinkedHashMap<>())
                .put(rs.getString("device"), new DeviceTotals(rs.getString("device"), rs.getString("kind"),
                        rs.getString("source"), rs.getString("quality"), Sql.getDouble(rs, "energy_j"),
                        Sql.getDouble(rs, "uncovered_s"), counter(rs))));
        Map<Long, Map<String, Double>> extra = new HashMap<>();
        reader.query("SELECT * FROM checkpoint_extra WHERE checkpoint_id IN (" + ids + ") ORDER BY checkpoint_id, name",
                runId, rs -> extra.computeIfAbsent(rs.getLong("checkpoint_id"), k -> new LinkedHashMap<>())
                        .put(rs.getString("name"), Sql.getDouble(rs, "value")));
        List<Checkpoint> out = new ArrayList<>(heads.size());
        for (Head h : heads) {
            Checkpoint p = h.partial();
            out.add(new Checkpoint(p.runId(), p.wallTime(), p.steps(), p.lastStep(), p.tokens(),
                    devices.getOrDefault(h.id(), Map.of()), p.lossBitsSmoothed(), p.baselineBits(),
                    p.baselineMethod(), p.baselinePoints(), p.tail(), extra.getOrDefault(h.id(), Map.of())));
        }
        return out;
    }

    private static Optional<CounterCheckpoint> counter(ResultSet rs) throws SQLException {
        long wall = rs.getLong("counter_wall_ns");
        if (rs.wasNull() || rs.getString("counter_identity") == null) return Optional.empty();
        return Optional.of(new CounterCheckpoint(Sql.getDouble(rs, "counter_j"), Sql.instant(wall),
                String.valueOf(rs.getString("counter_boot_id")), rs.getString("counter_identity"),
                String.valueOf(rs.getString("counter_epoch")), Sql.getDouble(rs, "counter_range_j"),
                Sql.getDouble(rs, "counter_max_w")));
    }

    private static Head head(ResultSet rs) throws SQLException {
        Optional<TailPosition> tail = Optional.empty();
        long offset = rs.getLong("tail_offset");
        if (!rs.wasNull()) {
            tail = Optional.of(new TailPosition(new FileIdentity(rs.getLong("tail_device"), rs.getLong("tail_inode")),
                    offset));
        }
        return new Head(rs.getLong("id"), new Checkpoint(rs.getString("run_id"), Sql.instant(rs.getLong("wall_ns")),
                rs.getLong("steps"), rs.getLong("last_step"), Sql.getOptionalLong(rs, "tokens"), Map.of(),
                Sql.getDouble(rs, "loss_bits_smoothed"), Sql.getDouble(rs, "baseline_bits"),
                rs.getString("baseline_method"), rs.getInt("baseline_points"), tail, Map.of()));
    }
}

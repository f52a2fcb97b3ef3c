package io.joulebit.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes one {@link WriteBatch} in one transaction: all of it or none of it. The statements of the per-second path
 * (journal rows, checkpoint rows) are prepared once per connection: with a checkpoint every second, preparing them
 * anew was a measurable part of the commit's CPU (bench/README.md, checkpoint cost).
 */
final class BatchWriter {
    private static final String UPSERT_RUN = """
            INSERT INTO runs (id, created_ns, started_ns, ended_ns, config_yaml, labels_json, params)
            VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET
            started_ns = COALESCE(runs.started_ns, excluded.started_ns), ended_ns = excluded.ended_ns,
            config_yaml = excluded.config_yaml, labels_json = excluded.labels_json, params = excluded.params""";
    private static final String END_RUN = "UPDATE runs SET ended_ns = ? WHERE id = ?";
    private static final String UPSERT_POWER = """
            INSERT INTO power_samples (run_id, device, second, wall_ns, kind, source, watts, energy_j, celsius,
            utilization) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_id, device, second) DO UPDATE SET
            wall_ns = excluded.wall_ns, kind = excluded.kind, source = excluded.source, watts = excluded.watts,
            energy_j = excluded.energy_j, celsius = excluded.celsius, utilization = excluded.utilization
            WHERE excluded.wall_ns >= power_samples.wall_ns""";
    private static final String UPSERT_STEP = """
            INSERT OR REPLACE INTO steps (run_id, phase, step, wall_ns, loss_nats, tokens, lr, batch_sequences)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_CHECKPOINT = """
            INSERT INTO checkpoints (run_id, wall_ns, steps, last_step, tokens, loss_bits_smoothed, baseline_bits,
            baseline_method, baseline_points, tail_device, tail_inode, tail_offset)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_DEVICE = """
            INSERT INTO checkpoint_devices (checkpoint_id, device, kind, source, quality, energy_j, uncovered_s,
            counter_j, counter_wall_ns, counter_boot_id, counter_identity, counter_epoch, counter_range_j,
            counter_max_w) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_EXTRA = "INSERT INTO checkpoint_extra (checkpoint_id, name, value) VALUES (?, ?, ?)";
    private static final String LAST_ID = "SELECT last_insert_rowid()";

    private Connection preparedOn; // the statements below belong to this connection (closed with it)
    private final Map<String, PreparedStatement> prepared = new HashMap<>();

    private PreparedStatement prepared(Connection c, String sql) throws SQLException {
        if (c != preparedOn) {
            prepared.clear(); // the old connection was closed, and its statements with it
            preparedOn = c;
        }
        PreparedStatement ps = prepared.get(sql);
        if (ps == null) {
            ps = c.prepareStatement(sql);
            prepared.put(sql, ps);
        }
        return ps;
    }

    void write(Connection c, WriteBatch batch) throws SQLException {
        c.setAutoCommit(false);
        try {
            for (WriteBatch.RunChange change : batch.runChanges()) write(c, change);
            writeRows(c, batch);
            for (Checkpoint cp : batch.checkpoints()) write(c, cp);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static void write(Connection c, WriteBatch.RunChange change) throws SQLException {
        if (change instanceof WriteBatch.End end) {
            try (PreparedStatement ps = c.prepareStatement(END_RUN)) {
                ps.setLong(1, Sql.nanos(end.ended()));
                ps.setString(2, end.runId());
                ps.executeUpdate();
            }
            return;
        }
        RunRecord r = ((WriteBatch.Upsert) change).run();
        try (PreparedStatement ps = c.prepareStatement(UPSERT_RUN)) {
            ps.setString(1, r.id());
            ps.setLong(2, Sql.nanos(r.created()));
            Sql.setInstant(ps, 3, r.started());
            Sql.setInstant(ps, 4, r.ended());
            ps.setString(5, r.configYaml());
            ps.setString(6, LabelsJson.write(r.labels()));
            Sql.setLong(ps, 7, r.parameterCount());
            ps.executeUpdate();
        }
    }

    private void writeRows(Connection c, WriteBatch batch) throws SQLException {
        if (batch.rows().isEmpty()) return;
        PreparedStatement power = prepared(c, UPSERT_POWER);
        PreparedStatement steps = prepared(c, UPSERT_STEP);
        {
            for (JournalRow row : batch.rows()) {
                if (row instanceof PowerRow p) {
                    power.setString(1, p.runId());
                    power.setString(2, p.device());
                    power.setLong(3, p.epochSecond());
                    power.setLong(4, Sql.nanos(p.wallTime()));
                    power.setString(5, p.kind());
                    power.setString(6, p.source());
                    Sql.setDouble(power, 7, p.watts());
                    Sql.setDouble(power, 8, p.energyJoules());
                    Sql.setDouble(power, 9, p.celsius());
                    Sql.setDouble(power, 10, p.utilization());
                    power.executeUpdate();
                } else if (row instanceof StepRow s) {
                    steps.setString(1, s.runId());
                    steps.setString(2, s.phase().label());
                    steps.setLong(3, s.step());
                    steps.setLong(4, Sql.nanos(s.wallTime()));
                    Sql.setDouble(steps, 5, s.lossNats());
                    Sql.setLong(steps, 6, s.tokens());
                    Sql.setDouble(steps, 7, s.learningRate());
                    Sql.setLong(steps, 8, s.batchSequences());
                    steps.executeUpdate();
                }
            }
        }
    }

    private void write(Connection c, Checkpoint cp) throws SQLException {
        long id;
        PreparedStatement ps = prepared(c, INSERT_CHECKPOINT);
        {
            ps.setString(1, cp.runId());
            ps.setLong(2, Sql.nanos(cp.wallTime()));
            ps.setLong(3, cp.steps());
            ps.setLong(4, cp.lastStep());
            Sql.setLong(ps, 5, cp.tokens());
            Sql.setDouble(ps, 6, cp.lossBitsSmoothed());
            Sql.setDouble(ps, 7, cp.baselineBits());
            ps.setString(8, cp.baselineMethod());
            ps.setInt(9, cp.baselinePoints());
            if (cp.tail().isPresent()) {
                ps.setLong(10, cp.tail().get().identity().device());
                ps.setLong(11, cp.tail().get().identity().inode());
                ps.setLong(12, cp.tail().get().offset());
            } else {
                for (int i = 10; i <= 12; i++) ps.setNull(i, Types.INTEGER);
            }
            ps.executeUpdate();
        }
        try (ResultSet rs = prepared(c, LAST_ID).executeQuery()) {
            rs.next();
            id = rs.getLong(1);
        }
        PreparedStatement dev = prepared(c, INSERT_DEVICE);
        PreparedStatement extra = prepared(c, INSERT_EXTRA);
        {
            for (DeviceTotals d : cp.devices().values()) {
                dev.setLong(1, id);
                dev.setString(2, d.device());
                dev.setString(3, d.kind());
                dev.setString(4, d.source());
                dev.setString(5, d.quality());
                Sql.setDouble(dev, 6, d.energyJoules());
                Sql.setDouble(dev, 7, d.uncoveredSeconds());
                CounterCheckpoint k = d.counter().orElse(null);
                Sql.setDouble(dev, 8, k == null ? Double.NaN : k.joules());
                if (k == null) dev.setNull(9, Types.INTEGER); else dev.setLong(9, Sql.nanos(k.readAt()));
                dev.setString(10, k == null ? null : k.bootId());
                dev.setString(11, k == null ? null : k.identity());
                dev.setString(12, k == null ? null : k.epoch());
                Sql.setDouble(dev, 13, k == null ? Double.NaN : k.rangeJoules());
                Sql.setDouble(dev, 14, k == null ? Double.NaN : k.maxWatts());
                dev.executeUpdate();
            }
            for (Map.Entry<String, Double> e : cp.extra().entrySet()) {
                extra.setLong(1, id);
                extra.setString(2, e.getKey());
                Sql.setDouble(extra, 3, e.getValue());
                extra.executeUpdate();
            }
        }
    }
}

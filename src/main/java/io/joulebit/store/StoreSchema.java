package io.joulebit.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The store's tables and their migrations. Each migration runs in its own transaction and records its version, so a
 * crash mid-migration leaves the previous version intact. Append migrations; never edit a released one.
 */
final class StoreSchema {
    private static final List<List<String>> MIGRATIONS = List.of(List.of(
            """
            CREATE TABLE runs (id TEXT PRIMARY KEY, created_ns INTEGER NOT NULL, started_ns INTEGER,
                ended_ns INTEGER, config_yaml TEXT NOT NULL, labels_json TEXT NOT NULL, params INTEGER)""",
            // One row per device per wall-clock second (the latest of that second): the key enforces it.
            """
            CREATE TABLE power_samples (run_id TEXT NOT NULL, device TEXT NOT NULL, second INTEGER NOT NULL,
                wall_ns INTEGER NOT NULL, kind TEXT NOT NULL, source TEXT NOT NULL, watts REAL, energy_j REAL,
                celsius REAL, utilization REAL, PRIMARY KEY (run_id, device, second)) WITHOUT ROWID""",
            // A log line re-read after a resume re-journals its step: the key makes that idempotent.
            """
            CREATE TABLE steps (run_id TEXT NOT NULL, phase TEXT NOT NULL, step INTEGER NOT NULL,
                wall_ns INTEGER NOT NULL, loss_nats REAL, tokens INTEGER, lr REAL, batch_sequences INTEGER,
                PRIMARY KEY (run_id, phase, step)) WITHOUT ROWID""",
            // The tail position lives in the checkpoint row: totals and offset are one atomic fact.
            """
            CREATE TABLE checkpoints (id INTEGER PRIMARY KEY, run_id TEXT NOT NULL, wall_ns INTEGER NOT NULL,
                steps INTEGER NOT NULL, last_step INTEGER NOT NULL, tokens INTEGER, loss_bits_smoothed REAL,
                baseline_bits REAL, baseline_method TEXT NOT NULL, baseline_points INTEGER NOT NULL,
                tail_device INTEGER, tail_inode INTEGER, tail_offset INTEGER)""",
            "CREATE INDEX checkpoints_by_run ON checkpoints (run_id, id)",
            """
            CREATE TABLE checkpoint_devices (checkpoint_id INTEGER NOT NULL, device TEXT NOT NULL, kind TEXT NOT NULL,
                source TEXT NOT NULL, quality TEXT NOT NULL, energy_j REAL, uncovered_s REAL,
                PRIMARY KEY (checkpoint_id, device)) WITHOUT ROWID""",
            """
            CREATE TABLE checkpoint_extra (checkpoint_id INTEGER NOT NULL, name TEXT NOT NULL, value REAL,
                PRIMARY KEY (checkpoint_id, name)) WITHOUT ROWID"""),
            // 2: the raw hardware counter behind a device's totals, to catch up the downtime after a restart.
            List.of("ALTER TABLE checkpoint_devices ADD COLUMN counter_j REAL",
                    "ALTER TABLE checkpoint_devices ADD COLUMN counter_wall_ns INTEGER",
                    "ALTER TABLE checkpoint_devices ADD COLUMN counter_boot_id TEXT",
                    "ALTER TABLE checkpoint_devices ADD COLUMN counter_identity TEXT",
                    "ALTER TABLE checkpoint_devices ADD COLUMN counter_epoch TEXT",
                    "ALTER TABLE checkpoint_devices ADD COLUMN counter_range_j REAL",
                    "ALTER TABLE checkpoint_devices ADD COLUMN counter_max_w REAL"));

    static final int VERSION = MIGRATIONS.size();

    private StoreSchema() {}

    /** Brings the store to {@link #VERSION}; refuses a store written by a newer joulebit. */
    static void migrate(Connection c) throws SQLException {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        }
        int current = version(c);
        if (current > VERSION) {
            throw new SQLException("store schema version " + current + " is newer than this joulebit (" + VERSION
                    + "); use a newer joulebit or another store path");
        }
        for (int v = current; v < VERSION; v++) apply(c, v + 1, MIGRATIONS.get(v));
    }

    static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static void apply(Connection c, int version, List<String> statements) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            if (version(c) >= version) { // another process migrated meanwhile
                c.rollback();
                return;
            }
            for (String sql : statements) s.execute(sql);
            s.execute("INSERT INTO schema_version (version) VALUES (" + version + ")");
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }
}

package io.joulebit.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Opens the store file for writing: parent directories, WAL, integrity check, migrations. A file that is not a
 * database or fails its integrity check is renamed aside (with its -wal/-shm) and a fresh store is started: joulebit
 * must keep running, and the damaged file stays for a human to inspect.
 */
final class StoreOpener {
    private static final Logger LOG = LoggerFactory.getLogger(StoreOpener.class);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final StoreOptions options;
    private volatile boolean checkIntegrity = true; // on the first open, and again after a write saw corruption

    /**
     * The writer's page cache, in KiB (SQLite's default is 2,000): it appends rows and rewrites one checkpoint, so it
     * touches the right-hand pages of a few b-trees, and the default cache filled with pages written once and never
     * read again. Sidecar RSS after 5 minutes at bench/sidecar.sh's load: 71.4–71.8 MB in three runs, 69.7 MB with
     * this cap; the writer thread's CPU unchanged (0.113–0.139 % against 0.115 % of a core).
     */
    static final int WRITER_CACHE_KIB = 256;

    StoreOpener(StoreOptions options) { this.options = options; }

    /** The next open runs the integrity check again (a write reported damaged pages). */
    void checkIntegrityNextOpen() { checkIntegrity = true; }

    Connection open() throws SQLException, IOException {
        Path parent = options.path().toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try {
            return openChecked();
        } catch (SQLException e) {
            if (!Sql.isCorrupt(e)) throw e;
            Path aside = moveAside(e);
            LOG.error("store {} is corrupt ({}): moved it to {} and started a FRESH store; the runs in it are not"
                    + " lost but no longer visible to joulebit", options.path(), e.getMessage(), aside);
            return openChecked();
        }
    }

    private Connection openChecked() throws SQLException {
        Connection c = options.connections().open(options.path());
        try {
            configure(c, options.busyTimeout().toMillis());
            // WAL + synchronous=NORMAL: a commit is durable against a killed process (the WAL is in the OS page
            // cache); only an OS crash/power loss can lose the last commits, never corrupt the file.
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA cache_size=-" + WRITER_CACHE_KIB);
            }
            if (checkIntegrity) integrityCheck(c); // O(file size): not on every reconnect of an outage
            StoreSchema.migrate(c);
            checkIntegrity = false;
            return c;
        } catch (SQLException | RuntimeException e) {
            Sql.closeQuietly(c);
            throw e;
        }
    }

    static void configure(Connection c, long busyTimeoutMillis) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=" + busyTimeoutMillis);
        }
    }

    private static void integrityCheck(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA quick_check(1)")) {
            String result = rs.next() ? rs.getString(1) : "no result";
            if (!"ok".equalsIgnoreCase(result)) {
                throw new SQLiteException("quick_check: " + result, SQLiteErrorCode.SQLITE_CORRUPT);
            }
        }
    }

    private Path moveAside(SQLException cause) throws IOException {
        Path db = options.path();
        String base = db.getFileName() + ".corrupt-" + STAMP.format(options.wall().instant());
        Path aside = db.resolveSibling(base);
        for (int n = 1; Files.exists(aside); n++) aside = db.resolveSibling(base + "-" + n);
        try {
            Files.move(db, aside);
            for (String suffix : new String[]{"-wal", "-shm"}) {
                Path side = db.resolveSibling(db.getFileName() + suffix);
                if (Files.exists(side)) Files.move(side, aside.resolveSibling(aside.getFileName() + suffix));
            }
        } catch (IOException e) {
            e.addSuppressed(cause);
            throw e;
        }
        return aside;
    }
}

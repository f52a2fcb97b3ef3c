package io.joulebit.store;

import org.sqlite.SQLiteConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/** How the store gets a JDBC connection to its file; injectable so tests can fail or degrade it at will. */
@FunctionalInterface
public interface ConnectionFactory {
    Connection open(Path db) throws SQLException;

    /** Read-write; transactions take the write lock at BEGIN so two writers wait (busy_timeout) instead of deadlocking. */
    ConnectionFactory SQLITE = db -> {
        SQLiteConfig config = new SQLiteConfig();
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // Nothing reads generated keys; the driver would otherwise prepare and run "select last_insert_rowid()"
        // after every insert: 40% of the store thread's CPU at 100 journaled steps/s (bench/README.md).
        config.setGetGeneratedKeys(false);
        return config.createConnection(url(db));
    };

    /** Read-only (SQLITE_OPEN_READONLY): for the CLI and for tests of a store that cannot be written. */
    ConnectionFactory SQLITE_READ_ONLY = db -> {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        return config.createConnection(url(db));
    };

    static String url(Path db) { return "jdbc:sqlite:" + db.toAbsolutePath(); }
}

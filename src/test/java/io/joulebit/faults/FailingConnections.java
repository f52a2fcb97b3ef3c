package io.joulebit.faults;

import io.joulebit.store.ConnectionFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Real SQLite connections whose commits fail with a chosen SQLite error while {@link #failWith} is set: a disk that
 * fills (SQLITE_FULL) or a file system remounted read-only (SQLITE_READONLY). Tests run as root, so a chmod would not
 * deny anything; this fails exactly where SQLite reports those conditions to the writer.
 */
final class FailingConnections implements ConnectionFactory {
    final AtomicReference<SQLiteErrorCode> failWith = new AtomicReference<>();
    final AtomicInteger failedCommits = new AtomicInteger();

    @Override
    public Connection open(Path db) throws SQLException {
        Connection real = ConnectionFactory.SQLITE.open(db);
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    SQLiteErrorCode code = failWith.get();
                    if (code != null && method.getName().equals("commit")) {
                        failedCommits.incrementAndGet();
                        throw new SQLiteException("[" + code.name() + "] " + code.message + " (simulated)", code);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}

package io.joulebit.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A connection factory a test can break and mend at will (tests run as root, so chmod cannot deny access), and that
 * counts the commits made through its connections.
 */
final class SwitchableConnections implements ConnectionFactory {
    static final ConnectionFactory REFUSING = db -> {
        throw new SQLException("unable to open database file (simulated: read-only directory)");
    };

    final AtomicReference<ConnectionFactory> current = new AtomicReference<>(ConnectionFactory.SQLITE);
    final AtomicInteger commits = new AtomicInteger();
    final AtomicInteger opens = new AtomicInteger();

    @Override
    public Connection open(Path db) throws SQLException {
        opens.incrementAndGet();
        Connection real = current.get().open(db);
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(real, args);
                        if (method.getName().equals("commit")) commits.incrementAndGet();
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}

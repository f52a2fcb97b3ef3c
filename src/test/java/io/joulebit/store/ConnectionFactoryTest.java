package io.joulebit.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

import java.nio.file.Path;
import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionFactoryTest {
    @Test
    void writerConnectionSkipsTheDriversGeneratedKeyQueryAfterEachInsert(@TempDir Path dir) throws Exception {
        try (Connection c = ConnectionFactory.SQLITE.open(dir.resolve("t.db"))) {
            assertThat(c.unwrap(SQLiteConnection.class).getConnectionConfig().isGetGeneratedKeys()).isFalse();
            c.createStatement().execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
            try (var ps = c.prepareStatement("INSERT INTO t (v) VALUES (?)")) {
                ps.setString(1, "x");
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            // The checkpoint writer asks SQLite itself, which still works.
            try (var rs = c.createStatement().executeQuery("SELECT last_insert_rowid()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(1);
            }
        }
    }
}

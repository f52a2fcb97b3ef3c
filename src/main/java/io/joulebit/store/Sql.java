package io.joulebit.store;

import org.sqlite.SQLiteException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Column conventions: instants as epoch nanoseconds; absent (NaN, empty) as NULL and back. */
final class Sql {
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_NOTADB = 26;

    private Sql() {}

    static long nanos(Instant t) { return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano()); }

    static Instant instant(long nanos) { return Instant.ofEpochSecond(0, nanos); }

    static void setDouble(PreparedStatement ps, int i, double v) throws SQLException {
        if (Double.isNaN(v)) ps.setNull(i, Types.REAL); else ps.setDouble(i, v);
    }

    static void setDouble(PreparedStatement ps, int i, OptionalDouble v) throws SQLException {
        setDouble(ps, i, v.orElse(Double.NaN));
    }

    static void setLong(PreparedStatement ps, int i, OptionalLong v) throws SQLException {
        if (v.isPresent()) ps.setLong(i, v.getAsLong()); else ps.setNull(i, Types.INTEGER);
    }

    static void setInstant(PreparedStatement ps, int i, Optional<Instant> v) throws SQLException {
        if (v.isPresent()) ps.setLong(i, nanos(v.get())); else ps.setNull(i, Types.INTEGER);
    }

    static double getDouble(ResultSet rs, String col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? Double.NaN : v;
    }

    static OptionalDouble getOptionalDouble(ResultSet rs, String col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    static OptionalLong getOptionalLong(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
    }

    static Optional<Instant> getInstant(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? Optional.empty() : Optional.of(instant(v));
    }

    /** The file is not a database or its pages are damaged: retrying will not help, moving it aside will. */
    static boolean isCorrupt(SQLException e) {
        int primary = e.getErrorCode() & 0xff;
        return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
    }

    /** A short, stable reason for edge-triggered logging ("SQLITE_FULL", "SQLException"). */
    static String reason(Exception e) {
        if (e instanceof SQLiteException s) return s.getResultCode().name();
        return e.getClass().getSimpleName();
    }

    static void closeQuietly(AutoCloseable c) {
        if (c == null) return;
        try {
            c.close();
        } catch (Exception ignored) {
            // closing a connection that already failed: nothing left to save
        }
    }
}

package io.postback.jdbc.internal;

import io.postback.jdbc.Dialect;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * What differs between databases: how instants travel, how a row's generated id comes back, the
 * row-limit clause, and the write strategy ({@link LeadWriter}, {@link SignatureWriter}). Instants
 * are always stored in UTC.
 */
public abstract class SqlDialect {

    private final boolean zonedTimestamps;

    SqlDialect(boolean zonedTimestamps) {
        this.zonedTimestamps = zonedTimestamps;
    }

    public static SqlDialect of(Dialect dialect) {
        return switch (dialect) {
            case POSTGRESQL -> new PostgresSql();
            case MYSQL -> new MySql();
            case H2 -> new H2Sql();
        };
    }

    abstract LeadWriter leadWriter(JdbcRunner runner);

    abstract SignatureWriter signatureWriter();

    /** What every connection must satisfy before the store writes on it; nothing by default. */
    public JdbcRunner.ConnectionCheck connectionCheck() {
        return JdbcRunner.ConnectionCheck.NONE;
    }

    /**
     * Settings the store makes when it is built (H2: commits written before they are acknowledged).
     * Nothing by default, without even a connection: a store of the other dialects builds while its
     * database is down.
     */
    public void prepareDatabase(javax.sql.DataSource dataSource) throws SQLException {
    }

    /** The clause that limits a query to {@code ?} rows, after ORDER BY. */
    String limit() {
        return " LIMIT ?";
    }

    /** A statement whose generated {@code id} {@link #generatedId} can read. */
    PreparedStatement prepareInsert(JdbcRunner.Session session, String sql) throws SQLException {
        return session.prepareReturningKeys(sql);
    }

    static long generatedId(PreparedStatement statement) throws SQLException {
        try (ResultSet keys = statement.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("the database returned no generated id");
            }
            return keys.getLong(1);
        }
    }

    /**
     * Timestamp-with-time-zone columns take an offset date-time in UTC; zoneless ones (MySQL's
     * DATETIME) the UTC wall-clock time, so the session time zone never matters.
     */
    void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        Instant micros = Rows.micros(value);
        if (zonedTimestamps) {
            statement.setObject(index, micros.atOffset(ZoneOffset.UTC));
        } else {
            statement.setObject(index, LocalDateTime.ofInstant(micros, ZoneOffset.UTC));
        }
    }

    void setNullInstant(PreparedStatement statement, int index) throws SQLException {
        statement.setNull(index, zonedTimestamps ? Types.TIMESTAMP_WITH_TIMEZONE : Types.TIMESTAMP);
    }

    Instant getInstant(ResultSet rs, int column) throws SQLException {
        if (zonedTimestamps) {
            OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        }
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
}

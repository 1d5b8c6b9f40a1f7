package io.postback.jdbc.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** How instants travel to and from a database's timestamp columns; they are always stored in UTC. */
enum Timestamps {
    /** Timestamp-with-time-zone columns (PostgreSQL, H2) take an offset date-time in UTC. */
    WITH_TIME_ZONE,
    /** Zoneless columns (MySQL's DATETIME) take the UTC wall-clock time, so the session time zone never matters. */
    UTC_WITHOUT_TIME_ZONE,
    /** Tables without instants (the catalog's): binding or reading one is a mistake. */
    NONE;

    /**
     * The precision every store keeps: microseconds, what PostgreSQL, MySQL and H2 all hold. The
     * store writes truncated instants and returns them, so what it returns equals what it reads later.
     */
    static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    void bind(PreparedStatement statement, int index, Instant value) throws SQLException {
        Instant micros = micros(value);
        if (zoned()) {
            statement.setObject(index, micros.atOffset(ZoneOffset.UTC));
        } else {
            statement.setObject(index, LocalDateTime.ofInstant(micros, ZoneOffset.UTC));
        }
    }

    void bindNull(PreparedStatement statement, int index) throws SQLException {
        statement.setNull(index, zoned() ? Types.TIMESTAMP_WITH_TIMEZONE : Types.TIMESTAMP);
    }

    /** The column's instant, or null for SQL NULL. */
    Instant read(ResultSet rs, int column) throws SQLException {
        if (zoned()) {
            OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        }
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    private boolean zoned() {
        if (this == NONE) {
            throw new IllegalStateException("these tables hold no instants");
        }
        return this == WITH_TIME_ZONE;
    }
}

package io.postback.jdbc.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.OptionalLong;

/** Reading nullable columns into the model's optionals, and the one rule for instants. */
final class Rows {

    private Rows() {
    }

    static OptionalLong optionalLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
    }

    static Optional<String> optionalString(ResultSet rs, int column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }

    /**
     * The precision every store keeps: microseconds, what PostgreSQL, MySQL and H2 all hold. The
     * store writes truncated instants and returns them, so what it returns equals what it reads later.
     */
    static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}

package io.postback.jdbc.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** The current row of a result set, read by column number; nullable columns as the model's optionals. */
final class Row {

    private final ResultSet rs;
    private final Timestamps timestamps;

    Row(ResultSet rs, Timestamps timestamps) {
        this.rs = rs;
        this.timestamps = timestamps;
    }

    long number(int column) throws SQLException {
        return rs.getLong(column);
    }

    OptionalLong optionalNumber(int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
    }

    String string(int column) throws SQLException {
        return rs.getString(column);
    }

    Optional<String> optionalString(int column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }

    BigDecimal decimal(int column) throws SQLException {
        return rs.getBigDecimal(column);
    }

    /** The instant of a column, null for SQL NULL. */
    Instant instant(int column) throws SQLException {
        return timestamps.read(rs, column);
    }

    Optional<Instant> optionalInstant(int column) throws SQLException {
        return Optional.ofNullable(timestamps.read(rs, column));
    }
}

package io.postback.jdbc.internal;

import java.sql.SQLException;

/** Maps the current row of a result set to a value. */
@FunctionalInterface
interface RowMapper<T> {
    T map(Row row) throws SQLException;
}

package io.postback.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * H2 has neither {@code ON CONFLICT} nor {@code INSERT IGNORE} outside its compatibility modes, and
 * its {@code MERGE} updates or inserts rather than inserting if absent; so it takes the standard
 * SQL of {@link SqlDialect}: a plain insert whose unique violation (SQLState 23505) is the expected
 * duplicate. H2 keeps the transaction usable after a failed statement. What H2 needs of its own:
 * the standard row limit, and commits that reach the file before they are acknowledged.
 */
final class H2Sql extends SqlDialect {

    private final DataSource dataSource;

    H2Sql(DataSource dataSource) {
        super(new JdbcRunner(dataSource, new H2Durability(), Timestamps.WITH_TIME_ZONE));
        this.dataSource = dataSource;
    }

    /** Sets WRITE_DELAY to 0 for good, or refuses a URL that sets another (docs/RELIABILITY.md, "What an answer means"). */
    @Override
    public void prepareDatabase() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            H2Durability.makeCommitsDurable(dataSource, connection);
        }
    }

    @Override
    String limit() {
        return " FETCH FIRST ? ROWS ONLY";
    }
}

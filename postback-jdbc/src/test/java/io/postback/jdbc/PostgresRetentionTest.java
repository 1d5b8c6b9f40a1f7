package io.postback.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.postback.jdbc.testing.TestDatabases;

/** Journal and delivery retention on PostgreSQL. */
class PostgresRetentionTest extends AbstractRetentionTest {

    @Override
    protected HikariDataSource database() {
        return TestDatabases.postgres();
    }
}

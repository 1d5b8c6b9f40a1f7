package io.postback.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.postback.jdbc.testing.TestDatabases;

/** Journal and delivery retention on MariaDB. */
class MariaDbRetentionTest extends AbstractRetentionTest {

    @Override
    protected HikariDataSource database() {
        return TestDatabases.mariaDb();
    }
}

package io.postback.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.postback.jdbc.testing.TestDatabases;

/** Journal and delivery retention on H2. */
class H2RetentionTest extends AbstractRetentionTest {

    @Override
    protected HikariDataSource database() {
        return TestDatabases.h2();
    }
}

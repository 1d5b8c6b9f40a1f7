package io.postback.jdbc;

import io.postback.jdbc.testing.TestDatabases;
import javax.sql.DataSource;

/** Two dispatchers on PostgreSQL. */
class PostgresTwoDispatcherTest extends AbstractTwoDispatcherTest {

    @Override
    protected DataSource database() {
        return TestDatabases.postgres();
    }

    @Override
    protected String user() {
        return "postgres";
    }
}

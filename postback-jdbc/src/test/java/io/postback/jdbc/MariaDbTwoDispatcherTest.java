package io.postback.jdbc;

import io.postback.jdbc.testing.TestDatabases;
import javax.sql.DataSource;

/** Two dispatchers on MariaDB. */
class MariaDbTwoDispatcherTest extends AbstractTwoDispatcherTest {

    @Override
    protected DataSource database() {
        return TestDatabases.mariaDb();
    }

    @Override
    protected String user() {
        return "root";
    }
}

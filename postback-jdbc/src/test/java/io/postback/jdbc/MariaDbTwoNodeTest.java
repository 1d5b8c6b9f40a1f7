package io.postback.jdbc;

import io.postback.jdbc.testing.TestDatabases;
import javax.sql.DataSource;

/** Two nodes on MariaDB. */
class MariaDbTwoNodeTest extends AbstractTwoNodeTest {

    @Override
    protected DataSource database() {
        return TestDatabases.mariaDb();
    }

    @Override
    protected String user() {
        return "root";
    }
}

package io.postback.jdbc;

import io.postback.jdbc.testing.TestDatabases;
import javax.sql.DataSource;

/** Two nodes on PostgreSQL. */
class PostgresTwoNodeTest extends AbstractTwoNodeTest {

    @Override
    protected DataSource database() {
        return TestDatabases.postgres();
    }

    @Override
    protected String user() {
        return "postgres";
    }
}

package io.postback.jdbc;

import io.postback.jdbc.testing.TestDatabases;
import javax.sql.DataSource;

/** The schema on MariaDb. */
class MariaDbSchemaTest extends AbstractSchemaTest {

    @Override
    protected DataSource database() {
        return TestDatabases.mariaDb();
    }

    @Override
    protected DataSource emptyDatabase() {
        return TestDatabases.mariaDbWithoutSchema();
    }

    @Override
    protected Dialect expectedDialect() {
        return Dialect.MYSQL;
    }
}

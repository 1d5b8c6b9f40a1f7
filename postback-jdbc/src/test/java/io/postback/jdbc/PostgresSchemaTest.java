package io.postback.jdbc;

import io.postback.jdbc.testing.TestDatabases;
import javax.sql.DataSource;

/** The schema on Postgres. */
class PostgresSchemaTest extends AbstractSchemaTest {

    @Override
    protected DataSource database() {
        return TestDatabases.postgres();
    }

    @Override
    protected DataSource emptyDatabase() {
        return TestDatabases.postgresWithoutSchema();
    }

    @Override
    protected Dialect expectedDialect() {
        return Dialect.POSTGRESQL;
    }
}

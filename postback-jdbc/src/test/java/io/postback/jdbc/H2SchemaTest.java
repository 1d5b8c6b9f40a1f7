package io.postback.jdbc;

import io.postback.jdbc.testing.TestDatabases;
import javax.sql.DataSource;

/** The schema on H2. */
class H2SchemaTest extends AbstractSchemaTest {

    @Override
    protected DataSource database() {
        return TestDatabases.h2();
    }

    @Override
    protected DataSource emptyDatabase() {
        return TestDatabases.h2WithoutSchema();
    }

    @Override
    protected Dialect expectedDialect() {
        return Dialect.H2;
    }
}

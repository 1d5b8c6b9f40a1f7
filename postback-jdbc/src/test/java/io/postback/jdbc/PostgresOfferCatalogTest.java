package io.postback.jdbc;

import io.postback.jdbc.testing.TestDatabases;
import javax.sql.DataSource;

/** The catalog tables on Postgres. */
class PostgresOfferCatalogTest extends AbstractOfferCatalogTest {

    @Override
    protected DataSource database() {
        return TestDatabases.postgres();
    }
}

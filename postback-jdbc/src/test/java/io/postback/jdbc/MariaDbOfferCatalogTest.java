package io.postback.jdbc;

import io.postback.jdbc.testing.TestDatabases;
import javax.sql.DataSource;

/** The catalog tables on MariaDb. */
class MariaDbOfferCatalogTest extends AbstractOfferCatalogTest {

    @Override
    protected DataSource database() {
        return TestDatabases.mariaDb();
    }
}

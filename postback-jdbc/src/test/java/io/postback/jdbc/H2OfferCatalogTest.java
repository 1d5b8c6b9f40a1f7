package io.postback.jdbc;

import io.postback.jdbc.testing.TestDatabases;
import javax.sql.DataSource;

/** The catalog tables on H2. */
class H2OfferCatalogTest extends AbstractOfferCatalogTest {

    @Override
    protected DataSource database() {
        return TestDatabases.h2();
    }
}

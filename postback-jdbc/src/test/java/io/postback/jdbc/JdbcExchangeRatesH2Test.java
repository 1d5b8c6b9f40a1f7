package io.postback.jdbc;

import io.postback.jdbc.testing.TestDatabases;
import javax.sql.DataSource;

/** The exchange rates converter on H2. */
class JdbcExchangeRatesH2Test extends AbstractJdbcExchangeRatesTest {

    @Override
    protected DataSource database() {
        return TestDatabases.h2();
    }
}

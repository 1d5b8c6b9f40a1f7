package io.postback.jdbc;

import io.postback.jdbc.testing.TestDatabases;
import javax.sql.DataSource;

/** The exchange rates converter on PostgreSQL. */
class JdbcExchangeRatesPostgresTest extends AbstractJdbcExchangeRatesTest {

    @Override
    protected DataSource database() {
        return TestDatabases.postgres();
    }
}

package io.postback.jdbc;

import io.postback.jdbc.testing.TestDatabases;
import javax.sql.DataSource;

/** The exchange rates converter on MariaDB. */
class JdbcExchangeRatesMariaDbTest extends AbstractJdbcExchangeRatesTest {

    @Override
    protected DataSource database() {
        return TestDatabases.mariaDb();
    }
}

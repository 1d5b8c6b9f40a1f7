package io.postback.jdbc;

import io.postback.jdbc.testing.TestDatabases;
import javax.sql.DataSource;

/** The network rules across two nodes on MariaDB. */
class MariaDbTwoNodeNetworkRulesTest extends AbstractTwoNodeNetworkRulesTest {

    @Override
    protected DataSource database() {
        return TestDatabases.mariaDb();
    }

    @Override
    protected String user() {
        return "root";
    }
}

package io.postback.jdbc;

import io.postback.jdbc.testing.TestDatabases;
import javax.sql.DataSource;

/** The network rules across two nodes on PostgreSQL. */
class PostgresTwoNodeNetworkRulesTest extends AbstractTwoNodeNetworkRulesTest {

    @Override
    protected DataSource database() {
        return TestDatabases.postgres();
    }

    @Override
    protected String user() {
        return "postgres";
    }
}

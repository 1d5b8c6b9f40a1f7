package io.postback.jdbc;

import io.postback.jdbc.testing.TestDatabases;
import javax.sql.DataSource;

/** Outbound deliveries claimed across two nodes on MariaDB. */
class MariaDbTwoNodeDeliveryTest extends AbstractTwoNodeDeliveryTest {

    @Override
    protected DataSource database() {
        return TestDatabases.mariaDb();
    }

    @Override
    protected String user() {
        return "root";
    }
}

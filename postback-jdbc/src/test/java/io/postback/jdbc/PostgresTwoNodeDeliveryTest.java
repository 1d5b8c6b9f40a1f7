package io.postback.jdbc;

import io.postback.jdbc.testing.TestDatabases;
import javax.sql.DataSource;

/** Outbound deliveries claimed across two nodes on PostgreSQL. */
class PostgresTwoNodeDeliveryTest extends AbstractTwoNodeDeliveryTest {

    @Override
    protected DataSource database() {
        return TestDatabases.postgres();
    }

    @Override
    protected String user() {
        return "postgres";
    }
}

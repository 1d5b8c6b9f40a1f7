package io.postback.jdbc;

import io.postback.jdbc.testing.TestDatabases;
import javax.sql.DataSource;

/** Outbound deliveries claimed across two nodes on H2. */
class H2TwoNodeDeliveryTest extends AbstractTwoNodeDeliveryTest {

    @Override
    protected DataSource database() {
        return TestDatabases.h2();
    }

    @Override
    protected String user() {
        return "sa";
    }
}

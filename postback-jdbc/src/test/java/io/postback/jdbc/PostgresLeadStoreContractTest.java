package io.postback.jdbc;

import io.postback.jdbc.testing.TestDatabases;
import io.postback.testing.contract.AbstractLeadStoreContractTest;
import io.postback.testing.contract.StoreUnderTest;
import javax.sql.DataSource;

/** The JDBC store keeps the store contract on Postgres. */
class PostgresLeadStoreContractTest extends AbstractLeadStoreContractTest {

    private static final DataSource DATABASE = TestDatabases.postgres();

    @Override
    protected StoreUnderTest emptyStore() {
        TestDatabases.clear(DATABASE);
        return StoreUnderTest.of(JdbcLeadStore.builder(DATABASE).build());
    }
}

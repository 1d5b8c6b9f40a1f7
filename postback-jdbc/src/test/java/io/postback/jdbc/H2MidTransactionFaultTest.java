package io.postback.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.postback.jdbc.testing.FaultInjection;
import io.postback.jdbc.testing.TestDatabases;
import java.sql.SQLException;
import java.sql.Statement;

/** H2: the session is closed under the postback's transaction. */
class H2MidTransactionFaultTest extends AbstractMidTransactionFaultTest {

    @Override
    protected HikariDataSource database() {
        return TestDatabases.h2();
    }

    @Override
    protected FaultInjection.Fault breakConnection() {
        return connection -> {
            throw new SQLException("injected: connection lost", "08006");
        };
    }
}

package io.postback.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.postback.jdbc.testing.FaultInjection;
import io.postback.jdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/** MariaDB: the server kills the postback's connection (KILL from another session) in the middle of its transaction. */
class MariaDbMidTransactionFaultTest extends AbstractMidTransactionFaultTest {

    private HikariDataSource database;

    @Override
    protected HikariDataSource database() {
        database = TestDatabases.mariaDb();
        return database;
    }

    @Override
    protected FaultInjection.Fault breakConnection() {
        return victim -> {
            long id;
            try (Statement s = victim.createStatement(); ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
                rs.next();
                id = rs.getLong(1);
            }
            try (Connection admin = database.getConnection(); Statement s = admin.createStatement()) {
                s.execute("KILL CONNECTION " + id);
            }
        };
    }
}

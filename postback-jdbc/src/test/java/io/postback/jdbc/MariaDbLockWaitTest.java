package io.postback.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.postback.jdbc.testing.TestDatabases;

/** A postback waiting on a held row lock, on MariaDB. */
class MariaDbLockWaitTest extends AbstractLockWaitTest {

    @Override
    protected HikariDataSource database() {
        return TestDatabases.mariaDb();
    }

    @Override
    protected String statementTimeoutOfOneSecond() {
        return "SET SESSION max_statement_time = 1";
    }
}

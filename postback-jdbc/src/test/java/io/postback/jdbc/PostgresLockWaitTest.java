package io.postback.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.postback.jdbc.testing.TestDatabases;

/** A postback waiting on a held row lock, on PostgreSQL. */
class PostgresLockWaitTest extends AbstractLockWaitTest {

    @Override
    protected HikariDataSource database() {
        return TestDatabases.postgres();
    }

    @Override
    protected String statementTimeoutOfOneSecond() {
        return "SET statement_timeout = '1s'";
    }
}

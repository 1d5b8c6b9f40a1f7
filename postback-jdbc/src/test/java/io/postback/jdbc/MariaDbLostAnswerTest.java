package io.postback.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.postback.jdbc.testing.TestDatabases;

/** A committed write whose answer is lost, on MariaDb. */
class MariaDbLostAnswerTest extends AbstractLostAnswerTest {

    @Override
    protected HikariDataSource database() {
        return TestDatabases.mariaDb();
    }
}

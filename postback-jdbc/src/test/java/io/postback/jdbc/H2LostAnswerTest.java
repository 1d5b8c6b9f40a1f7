package io.postback.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.postback.jdbc.testing.TestDatabases;

/** A committed write whose answer is lost, on H2. */
class H2LostAnswerTest extends AbstractLostAnswerTest {

    @Override
    protected HikariDataSource database() {
        return TestDatabases.h2();
    }
}

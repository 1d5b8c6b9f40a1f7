package io.postback.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The demo's --jdbc-url needs a driver on the class path for each supported database. */
class DriversTest {

    @Test
    void a_driver_for_each_supported_database() throws SQLException {
        assertThat(driverFor("jdbc:h2:mem:x").getClass().getName()).startsWith("org.h2.");
        assertThat(driverFor("jdbc:postgresql://localhost/x").getClass().getName()).startsWith("org.postgresql.");
        assertThat(driverFor("jdbc:mariadb://localhost/x").getClass().getName()).startsWith("org.mariadb.jdbc.");
    }

    private static Driver driverFor(String url) throws SQLException {
        return DriverManager.getDriver(url);
    }
}

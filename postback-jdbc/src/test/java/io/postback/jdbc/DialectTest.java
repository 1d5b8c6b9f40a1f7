package io.postback.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Product names as drivers report them. */
class DialectTest {

    @Test
    void productNamesMapToDialects() {
        assertThat(Dialect.fromProductName("PostgreSQL")).isEqualTo(Dialect.POSTGRESQL);
        assertThat(Dialect.fromProductName("MySQL")).isEqualTo(Dialect.MYSQL);
        assertThat(Dialect.fromProductName("MariaDB")).isEqualTo(Dialect.MYSQL);
        assertThat(Dialect.fromProductName("H2")).isEqualTo(Dialect.H2);
    }

    @Test
    void anUnknownDatabaseIsRefusedWithAHint() {
        assertThatThrownBy(() -> Dialect.fromProductName("Oracle")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Oracle").hasMessageContaining("PostgreSQL, MySQL/MariaDB and H2");
    }
}

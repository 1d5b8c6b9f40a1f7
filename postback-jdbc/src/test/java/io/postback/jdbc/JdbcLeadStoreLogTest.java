package io.postback.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariDataSource;
import io.postback.jdbc.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A store says once, at INFO, which dialect it speaks and how it came to it; never the data source's URL. */
class JdbcLeadStoreLogTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(JdbcLeadStore.class);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    @BeforeEach
    void listen() {
        events.start();
        logger.addAppender(events);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(events);
    }

    @Test
    void aDetectedDialectIsLoggedOnceWithoutTheUrl() {
        try (HikariDataSource db = TestDatabases.h2()) {
            JdbcLeadStore.builder(db).build();

            assertThat(events.list).singleElement().satisfies(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.INFO);
                assertThat(event.getFormattedMessage()).contains("H2").contains("detected")
                        .doesNotContain(db.getJdbcUrl()).doesNotContain("jdbc:");
            });
        }
    }

    @Test
    void aGivenDialectIsLoggedOnceAsGiven() {
        try (HikariDataSource db = TestDatabases.h2()) {
            JdbcLeadStore.builder(db).dialect(Dialect.H2).build();

            assertThat(events.list).singleElement().satisfies(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.INFO);
                assertThat(event.getFormattedMessage()).contains("H2").contains("given");
            });
        }
    }
}

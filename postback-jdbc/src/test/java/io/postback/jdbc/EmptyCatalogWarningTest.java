package io.postback.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariDataSource;
import io.postback.jdbc.testing.TestDatabases;
import io.postback.testing.TestCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Catalog tables without sites answer every postback 'token': the catalog says so at load and at each refresh. */
class EmptyCatalogWarningTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(JdbcOfferCatalog.class);
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
    void emptyTablesAreWarnedAboutAtLoadAndAtEachRefreshUntilTheyAreFilled() {
        try (HikariDataSource db = TestDatabases.h2()) {
            Schema.create(db);
            JdbcOfferCatalog catalog = JdbcOfferCatalog.builder(db).build();
            assertThat(warnings()).isEqualTo(1);

            catalog.refresh();
            assertThat(warnings()).isEqualTo(2);

            JdbcOfferCatalog.importCatalog(db, TestCatalog.create());
            catalog.refresh();
            assertThat(warnings()).as("filled: no more warnings").isEqualTo(2);
            assertThat(catalog.site(12)).isPresent();
        }
    }

    private long warnings() {
        return events.list.stream().filter(e -> e.getLevel() == Level.WARN)
                .peek(e -> assertThat(e.getFormattedMessage()).contains("no sites", "'token'"))
                .count();
    }
}

package io.postback.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariDataSource;
import io.postback.PostbackProcessor;
import io.postback.PostbackRequest;
import io.postback.PostbackResult;
import io.postback.jdbc.testing.TestDatabases;
import io.postback.model.Action;
import io.postback.model.ErrorCode;
import io.postback.testing.TestCatalog;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A store failure is logged with the operation and the table it failed on, never a value of the postback. */
class StoreFailureLogTest {

    private static final String CLICK = "click-value-never-logged";

    private final Logger logger = (Logger) LoggerFactory.getLogger("io.postback.internal.ProcessorCore");
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
    void theLogLineNamesTheOperationAndTableOnly() throws Exception {
        try (HikariDataSource db = TestDatabases.h2()) {
            Schema.create(db);
            PostbackProcessor processor = PostbackProcessor.builder(JdbcLeadStore.builder(db).build(), TestCatalog.create())
                    .recordEvents(true).build();
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE pb_outbox");
            }

            PostbackResult result = processor.handle(PostbackRequest.fromQuery(Action.CREATE,
                    "token=" + TestCatalog.TOKEN_12 + "&click=" + CLICK + "&exto=e1"));

            assertThat(result).isInstanceOfSatisfying(PostbackResult.Rejected.class,
                    r -> assertThat(r.code()).isEqualTo(ErrorCode.STORE));
        }
        assertThat(events.list).filteredOn(e -> e.getLevel() == Level.WARN).singleElement().satisfies(e -> {
            assertThat(e.getFormattedMessage()).contains("create postback failed in the store")
                    .contains("inserting a lead failed on pb_outbox (SQLState 42S02)")
                    .contains("run Schema.create(dataSource)")
                    .doesNotContain(CLICK).doesNotContain(TestCatalog.KEY_12 + "&");
            assertThat(e.getMDCPropertyMap()).containsEntry("postback.site", "12");
        });
    }
}

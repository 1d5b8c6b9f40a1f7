package io.postback.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.postback.PostbackProcessor;
import io.postback.PostbackRequest;
import io.postback.jdbc.JdbcLeadStore;
import io.postback.jdbc.JdbcOfferCatalog;
import io.postback.jdbc.Schema;
import io.postback.model.Action;
import io.postback.testing.TestCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The purge of docs/retention.md, "From Java", on H2: a rejection from 100 days ago goes, today's stays. */
class RetentionSnippetsTest {

    @Test
    void theSnippetPurgesWhatIsOlderThanNinetyDays() {
        try (HikariDataSource db = new HikariDataSource()) {
            db.setJdbcUrl("jdbc:h2:mem:retention_snippet;DB_CLOSE_DELAY=-1");
            Schema.create(db);
            JdbcOfferCatalog.importCatalog(db, TestCatalog.create());
            JdbcLeadStore store = JdbcLeadStore.builder(db).build();
            for (Instant at : new Instant[] {Instant.now().minus(Duration.ofDays(100)), Instant.now()}) {
                PostbackProcessor.builder(store, JdbcOfferCatalog.builder(db).build()).clock(Clock.fixed(at, ZoneOffset.UTC)).build()
                        .handle(PostbackRequest.fromQuery(Action.CREATE, "token=" + TestCatalog.TOKEN_12 + "&click=c1&goal=nosuch"));
            }

            assertThat(RetentionSnippets.purge(db)).isEqualTo(new RetentionSnippets.Purged(1, 0));
            assertThat(store.latestJournal(10)).hasSize(1);
        }
    }
}

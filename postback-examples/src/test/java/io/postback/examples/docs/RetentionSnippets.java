package io.postback.examples.docs;

import io.postback.jdbc.JdbcLeadStore;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/** The fragment of docs/retention.md, "From Java"; run by RetentionSnippetsTest. */
final class RetentionSnippets {

    /** What one purge deleted. */
    record Purged(long journalRows, long deliveries) {
    }

    private RetentionSnippets() {
    }

    static Purged purge(DataSource dataSource) {
        // tag::purge[]
        JdbcLeadStore store = JdbcLeadStore.builder(dataSource).build();
        Instant cutoff = Instant.now().minus(Duration.ofDays(90));
        long journalRows = store.purgeJournal(cutoff, 1000);     // rows deleted; each batch of 1000 its own transaction
        long deliveries = store.purgeDeliveries(cutoff, 1000);   // delivered and dead ones, with their attempts
        // end::purge[]
        return new Purged(journalRows, deliveries);
    }
}

package io.postback.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.jdbc.testing.TestDatabases;
import io.postback.model.Lead;
import io.postback.spi.StoredEvent;
import io.postback.testing.contract.Fixtures;
import org.junit.jupiter.api.Test;

/** Delivered events are deleted in chunks: more ids than one statement takes. */
class H2OutboxTest {

    @Test
    void manyDeliveredEventsAreAllForgotten() {
        JdbcLeadStore store = JdbcLeadStore.builder(TestDatabases.h2()).build();
        for (int i = 0; i < 230; i++) {
            Lead lead = Fixtures.lead(1, "c" + i, null, false);
            store.insert(lead, Fixtures.created(lead));
        }

        store.markDelivered(store.pending(1000).stream().map(StoredEvent::id).toList());

        assertThat(store.pending(1000)).isEmpty();
    }
}

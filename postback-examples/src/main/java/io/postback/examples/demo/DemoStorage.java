package io.postback.examples.demo;

import io.postback.memory.InMemoryLeadStore;
import io.postback.spi.LeadHistory;
import io.postback.spi.LeadStore;
import java.util.Objects;

/**
 * The store behind the demo: the write side for the engine, the read side for the page, and what
 * to close on shutdown.
 *
 * @param description where the data lives, for the start-up line; never contains credentials
 */
record DemoStorage(LeadStore store, LeadHistory history, String description, AutoCloseable resources)
        implements AutoCloseable {

    DemoStorage {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(resources, "resources");
    }

    /**
     * TEMPORARY: the JDBC store (branch jdbc) does not exist yet, so the demo keeps its leads in
     * memory and ignores --jdbc-url. This is the one place to switch to JdbcLeadStore.
     */
    static DemoStorage open(DemoOptions options) {
        InMemoryLeadStore memory = new InMemoryLeadStore();
        return new DemoStorage(memory, memory, "in memory (the JDBC store is not available yet)", () -> { });
    }

    @Override
    public void close() throws Exception {
        resources.close();
    }
}

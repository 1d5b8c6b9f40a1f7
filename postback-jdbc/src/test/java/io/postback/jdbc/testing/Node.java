package io.postback.jdbc.testing;

import com.zaxxer.hikari.HikariDataSource;
import io.postback.PostbackProcessor;
import io.postback.PostbackRequest;
import io.postback.PostbackResult;
import io.postback.jdbc.JdbcLeadStore;
import io.postback.jdbc.JdbcOfferCatalog;
import io.postback.model.Action;
import io.postback.testing.TestCatalog;

/** One application node: its own connection pool, store, catalog and processor over a shared database. */
public final class Node implements AutoCloseable {

    private final HikariDataSource pool;
    private final JdbcLeadStore store;
    private final PostbackProcessor processor;

    public Node(String jdbcUrl, String user, int poolSize) {
        this.pool = TestDatabases.pool(jdbcUrl, user, poolSize);
        this.store = JdbcLeadStore.builder(pool).build();
        this.processor = PostbackProcessor.builder(store, JdbcOfferCatalog.builder(pool).build()).recordEvents(true).build();
    }

    public PostbackResult create(String query) {
        return processor.handle(PostbackRequest.fromQuery(Action.CREATE, "token=" + TestCatalog.TOKEN_12 + "&" + query));
    }

    public PostbackResult status(String query) {
        return processor.handle(PostbackRequest.fromQuery(Action.STATUS, "token=" + TestCatalog.TOKEN_12 + "&" + query));
    }

    public JdbcLeadStore store() {
        return store;
    }

    public HikariDataSource pool() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }
}

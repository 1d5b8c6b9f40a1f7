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
        this(TestDatabases.pool(jdbcUrl, user, poolSize));
    }

    public Node(HikariDataSource pool) {
        this(pool, pool);
    }

    /** A node whose store and catalog use {@code dataSource}, a view of {@code pool} (e.g. with faults injected). */
    public Node(HikariDataSource pool, javax.sql.DataSource dataSource) {
        this(pool, dataSource, PostbackProcessor.DEFAULT_DEADLINE);
    }

    /** A node whose processor gives every postback {@code deadline} (see {@code PostbackProcessor.Builder.deadline}). */
    public Node(HikariDataSource pool, java.time.Duration deadline) {
        this(pool, pool, deadline);
    }

    private Node(HikariDataSource pool, javax.sql.DataSource dataSource, java.time.Duration deadline) {
        this(pool, dataSource, b -> b.deadline(deadline));
    }

    /** A node whose processor is built with {@code settings} (a clock, more attempts) on top of the defaults. */
    public Node(HikariDataSource pool, java.util.function.UnaryOperator<PostbackProcessor.Builder> settings) {
        this(pool, pool, settings);
    }

    private Node(HikariDataSource pool, javax.sql.DataSource dataSource, java.util.function.UnaryOperator<PostbackProcessor.Builder> settings) {
        this.pool = pool;
        this.store = JdbcLeadStore.builder(dataSource).build();
        this.processor = settings.apply(PostbackProcessor.builder(store, JdbcOfferCatalog.builder(dataSource).build())
                .recordEvents(true)).build();
    }

    public PostbackProcessor processor() {
        return processor;
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

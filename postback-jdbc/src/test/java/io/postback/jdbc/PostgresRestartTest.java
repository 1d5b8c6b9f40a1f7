package io.postback.jdbc;

import io.postback.jdbc.testing.EmbeddedPostgresServer;
import javax.sql.DataSource;

/** PostgreSQL restarted (a fast shutdown and a start) under load. */
class PostgresRestartTest extends AbstractRestartTest {

    private EmbeddedPostgresServer server;

    @Override
    protected AutoCloseable startServer() {
        server = EmbeddedPostgresServer.startNew();
        return server;
    }

    @Override
    protected void restart() {
        server.restart();
    }

    @Override
    protected DataSource admin() {
        return server.dataSource("postgres");
    }

    @Override
    protected String jdbcUrl() {
        return server.jdbcUrl("postgres");
    }

    @Override
    protected String user() {
        return "postgres";
    }
}

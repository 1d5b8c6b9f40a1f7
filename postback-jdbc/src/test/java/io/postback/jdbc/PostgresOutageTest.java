package io.postback.jdbc;

import io.postback.jdbc.testing.EmbeddedPostgresServer;
import java.util.Map;
import javax.sql.DataSource;

/** PostgreSQL stopped as {@code pg_ctl stop -m immediate} does, under load from two nodes. */
class PostgresOutageTest extends AbstractOutageTest {

    private EmbeddedPostgresServer server;

    /**
     * Durable, as production must run: zonky's defaults (fsync and synchronous_commit off)
     * acknowledge commits that an immediate stop then loses, which this test would rightly report.
     */
    @Override
    protected void startServer() {
        server = EmbeddedPostgresServer.startNew(Map.of("fsync", "on", "synchronous_commit", "on"));
    }

    @Override
    protected void stopServer() {
        server.stopImmediately();
    }

    @Override
    protected void startServerAgain() {
        server.startAgain();
    }

    @Override
    protected void closeServer() {
        server.close();
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

package io.postback.jdbc;

import io.postback.jdbc.testing.EmbeddedMariaDbServer;
import javax.sql.DataSource;

/** MariaDB's server stopped and started again on the same data under load. */
class MariaDbRestartTest extends AbstractRestartTest {

    private EmbeddedMariaDbServer server;
    private String database;

    @Override
    protected AutoCloseable startServer() {
        server = EmbeddedMariaDbServer.startNew();
        database = server.newDatabaseName();
        return server;
    }

    @Override
    protected void restart() {
        server.stop();
        server.startAgain();
    }

    @Override
    protected DataSource admin() {
        return server.dataSource(database);
    }

    @Override
    protected String jdbcUrl() {
        return server.jdbcUrl(database);
    }

    @Override
    protected String user() {
        return "root";
    }
}

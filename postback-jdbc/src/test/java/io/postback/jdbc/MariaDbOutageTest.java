package io.postback.jdbc;

import io.postback.jdbc.testing.EmbeddedMariaDbServer;
import javax.sql.DataSource;

/** MariaDB's server stopped under load from two nodes, and started again on the same data. */
class MariaDbOutageTest extends AbstractOutageTest {

    private EmbeddedMariaDbServer server;
    private String database;

    @Override
    protected void startServer() {
        server = EmbeddedMariaDbServer.startNew();
        database = server.newDatabaseName();
    }

    @Override
    protected void stopServer() {
        server.stop();
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

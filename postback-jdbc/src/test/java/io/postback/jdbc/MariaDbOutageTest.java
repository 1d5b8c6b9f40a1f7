package io.postback.jdbc;

import io.postback.jdbc.testing.DisposableServer;

/** MariaDB's server stopped under load from two nodes, and started again on the same data. */
class MariaDbOutageTest extends AbstractOutageTest {

    @Override
    protected DisposableServer startServer() {
        return DisposableServer.mariaDb();
    }
}

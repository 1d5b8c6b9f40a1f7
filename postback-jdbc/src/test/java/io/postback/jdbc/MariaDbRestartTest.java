package io.postback.jdbc;

import io.postback.jdbc.testing.DisposableServer;

/** MariaDB's server stopped and started again on the same data under load. */
class MariaDbRestartTest extends AbstractRestartTest {

    @Override
    protected DisposableServer startServer() {
        return DisposableServer.mariaDb();
    }
}

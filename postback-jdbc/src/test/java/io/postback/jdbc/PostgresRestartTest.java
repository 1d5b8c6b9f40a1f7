package io.postback.jdbc;

import io.postback.jdbc.testing.DisposableServer;

/** PostgreSQL restarted under load. */
class PostgresRestartTest extends AbstractRestartTest {

    @Override
    protected DisposableServer startServer() {
        return DisposableServer.postgres();
    }
}

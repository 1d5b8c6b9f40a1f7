package io.postback.jdbc;

import io.postback.jdbc.testing.DisposableServer;

/** PostgreSQL stopped as {@code pg_ctl stop -m immediate} does, under load from two nodes. */
class PostgresOutageTest extends AbstractOutageTest {

    @Override
    protected DisposableServer startServer() {
        return DisposableServer.postgres();
    }
}

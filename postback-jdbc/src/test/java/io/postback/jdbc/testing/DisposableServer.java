package io.postback.jdbc.testing;

import java.util.Map;
import javax.sql.DataSource;

/**
 * A database server of one test alone, which the test stops and starts again under load: the
 * outage and restart tests run the same on PostgreSQL and MariaDB through it.
 */
public interface DisposableServer extends AutoCloseable {

    /** The server's database for the test, with nothing in it. */
    DataSource admin();

    String jdbcUrl();

    String user();

    /** Stops the server the hard way its database allows (PostgreSQL: as {@code pg_ctl stop -m immediate}). */
    void stop();

    void startAgain();

    @Override
    void close();

    /** PostgreSQL, durable: zonky's defaults would lose acknowledged commits to an immediate stop. */
    static DisposableServer postgres() {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.startNew(Map.of("fsync", "on", "synchronous_commit", "on"));
        return new DisposableServer() {
            public DataSource admin() {
                return server.dataSource("postgres");
            }

            public String jdbcUrl() {
                return server.jdbcUrl("postgres");
            }

            public String user() {
                return "postgres";
            }

            public void stop() {
                server.stopImmediately();
            }

            public void startAgain() {
                server.startAgain();
            }

            public void close() {
                server.close();
            }
        };
    }

    /** MariaDB, its server stopped and started on the same data. */
    static DisposableServer mariaDb() {
        EmbeddedMariaDbServer server = EmbeddedMariaDbServer.startNew();
        String database = server.newDatabaseName();
        return new DisposableServer() {
            public DataSource admin() {
                return server.dataSource(database);
            }

            public String jdbcUrl() {
                return server.jdbcUrl(database);
            }

            public String user() {
                return "root";
            }

            public void stop() {
                server.stop();
            }

            public void startAgain() {
                server.startAgain();
            }

            public void close() {
                server.close();
            }
        };
    }
}

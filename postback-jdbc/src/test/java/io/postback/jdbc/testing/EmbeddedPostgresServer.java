package io.postback.jdbc.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL server (zonky's embedded binaries), started without Docker or a preinstalled
 * database. Zonky's defaults turn {@code fsync} and {@code synchronous_commit} off: fine for
 * tests, but a benchmark must say so. The server keeps its data directory and port, so a test can
 * {@link #restart()} it under load.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgresServer shared;

    private final Path dataDirectory;
    private final int port;
    private Map<String, String> serverConfig;
    private EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(Path dataDirectory, int port, Map<String, String> serverConfig) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.serverConfig = Map.copyOf(serverConfig);
    }

    /** The server all test classes of this JVM share; started on first use, stopped at JVM exit. */
    public static synchronized EmbeddedPostgresServer shared() {
        if (shared == null) {
            shared = startNew();
            EmbeddedPostgresServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-postgres-stop"));
        }
        return shared;
    }

    /** A server of its own, for tests that stop or restart it; close it when done. */
    public static EmbeddedPostgresServer startNew() {
        return startNew(Map.of());
    }

    /**
     * A server of its own with settings of its own, such as {@code fsync=on} and
     * {@code synchronous_commit=on} for a durable benchmark (zonky passes its defaults on the
     * command line, so {@code ALTER SYSTEM} cannot change them).
     */
    public static EmbeddedPostgresServer startNew(Map<String, String> serverConfig) {
        try {
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(Files.createTempDirectory("pb-postgres"), freePort(),
                    serverConfig);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL could not start", e);
        }
    }

    /**
     * A hot standby of this server, which must be stopped (cleanly) when this is called: its data
     * directory is copied, as the zonky bundle has no {@code pg_basebackup}, and marked with
     * {@code standby.signal} and a {@code primary_conninfo} naming this server's port. Start this
     * server again before the standby catches up from it.
     */
    public EmbeddedPostgresServer standby(String applicationName, Map<String, String> serverConfig) {
        try {
            Path copy = Files.createTempDirectory("pb-postgres-standby");
            try (var files = Files.walk(dataDirectory)) {
                for (Path from : (Iterable<Path>) files::iterator) {
                    Path to = copy.resolve(dataDirectory.relativize(from).toString());
                    if (Files.isDirectory(from)) {
                        Files.createDirectories(to);
                    } else if (!from.getFileName().toString().equals("postmaster.pid")) {
                        Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            Files.writeString(copy.resolve("standby.signal"), "");
            Files.writeString(copy.resolve("postgresql.auto.conf"), "primary_conninfo = 'host=localhost port=" + port
                    + " user=postgres application_name=" + applicationName + "'\n", java.nio.file.StandardOpenOption.APPEND);
            EmbeddedPostgresServer standby = new EmbeddedPostgresServer(copy, freePort(), serverConfig);
            standby.start();
            return standby;
        } catch (IOException e) {
            throw new UncheckedIOException("the standby could not start", e);
        }
    }

    /**
     * Zonky deletes a data directory it was told to clean when it stops, so it is never told: the
     * directory is a new temporary one, initialised on the first start, and deleted by {@link #close()}.
     */
    private void start() throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "200");
        serverConfig.forEach(builder::setServerConfig);
        postgres = builder.start();
    }

    /** Stops the server; connections die. */
    public synchronized void stop() {
        try {
            if (postgres != null) {
                postgres.close();
                postgres = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What {@code pg_ctl stop -m immediate} does: the postmaster gets SIGQUIT, every backend exits
     * at once without a checkpoint, and clients see their connections reset mid-statement. Zonky's
     * own stop then finds no server (and logs so) but releases its lock on the data directory.
     */
    public synchronized void stopImmediately() {
        try {
            String pid = Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim();
            Process kill = new ProcessBuilder("kill", "-QUIT", pid).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -QUIT " + pid + " failed");
            }
            ProcessHandle postmaster = ProcessHandle.of(Long.parseLong(pid)).orElse(null);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (postmaster != null && postmaster.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts the stopped server again with more settings (they stay for later restarts). */
    public synchronized void startAgain(Map<String, String> moreConfig) {
        Map<String, String> merged = new java.util.HashMap<>(serverConfig);
        merged.putAll(moreConfig);
        serverConfig = Map.copyOf(merged);
        startAgain();
    }

    /** Starts the stopped server again on the same data directory and port. */
    public synchronized void startAgain() {
        try {
            start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL could not restart", e);
        }
    }

    public void restart() {
        stop();
        startAgain();
    }

    /** A new, empty database on this server. */
    public DataSource newDatabase() {
        String name = "pb_test_" + DATABASES.incrementAndGet();
        try (Connection c = dataSource("postgres").getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return dataSource(name);
    }

    public DataSource dataSource(String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(jdbcUrl(database));
        ds.setUser("postgres");
        return ds;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        stop();
        try (var files = Files.walk(dataDirectory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

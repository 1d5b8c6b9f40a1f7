package io.postback.jdbc.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.postback.jdbc.Schema;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Databases for tests, each new and with the schema created: H2 in memory, and a database on the
 * JVM's shared embedded PostgreSQL or MariaDB server. Pools are HikariCP, as a host would run.
 */
public final class TestDatabases {

    private static final AtomicInteger H2_DATABASES = new AtomicInteger();
    private static final List<String> LEAD_TABLES = List.of("pb_lead", "pb_journal", "pb_ledger", "pb_outbox", "pb_seen_signature",
            "pb_lead_key", "pb_cap_use", "pb_delivery", "pb_delivery_attempt");

    private TestDatabases() {
    }

    public static HikariDataSource h2() {
        return withSchema(h2WithoutSchema());
    }

    public static HikariDataSource postgres() {
        return withSchema(postgresWithoutSchema());
    }

    public static HikariDataSource mariaDb() {
        return withSchema(mariaDbWithoutSchema());
    }

    /** A new, empty database: no tables at all. */
    public static HikariDataSource h2WithoutSchema() {
        return pool("jdbc:h2:mem:pb_" + H2_DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1", "sa", 10);
    }

    public static HikariDataSource postgresWithoutSchema() {
        return pool(jdbcUrl(EmbeddedPostgresServer.shared().newDatabase()), "postgres", 10);
    }

    public static HikariDataSource mariaDbWithoutSchema() {
        return pool(jdbcUrl(EmbeddedMariaDbServer.shared().newDatabase()), "root", 10);
    }

    /** A HikariCP pool, as a host would run. */
    public static HikariDataSource pool(String jdbcUrl, String user, int size) {
        return pool(jdbcUrl, user, size, null);
    }

    /** A pool that runs {@code initSql} (may be null) on every new connection. */
    public static HikariDataSource pool(String jdbcUrl, String user, int size, String initSql) {
        return pool(jdbcUrl, user, size, initSql, 10_000);
    }

    /**
     * @param connectionTimeoutMillis how long a borrower waits for a connection before the store
     *                                answers {@code store}; generous by default, for a loaded machine
     */
    public static HikariDataSource pool(String jdbcUrl, String user, int size, String initSql, long connectionTimeoutMillis) {
        HikariConfig config = new HikariConfig();
        config.setConnectionInitSql(initSql);
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(connectionTimeoutMillis);
        config.setValidationTimeout(Math.max(250, Math.min(1_000, connectionTimeoutMillis / 2)));
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    static String jdbcUrl(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getURL();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HikariDataSource withSchema(HikariDataSource dataSource) {
        Schema.create(dataSource);
        return dataSource;
    }

    /** Empties the lead store's tables (not the catalog). */
    public static void clear(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : LEAD_TABLES) {
                statement.executeUpdate("DELETE FROM " + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty the lead tables", e);
        }
    }

    /** A session that holds the lead's row lock until it rolls back: a postback for the lead waits on it. */
    public static Connection lockLead(DataSource db, long leadId) throws SQLException {
        Connection blocker = db.getConnection();
        blocker.setAutoCommit(false);
        try (java.sql.PreparedStatement s = blocker.prepareStatement("SELECT id FROM pb_lead WHERE id = ? FOR UPDATE")) {
            s.setLong(1, leadId);
            s.executeQuery().close();
        }
        return blocker;
    }

    /** The number of rows a query counts. */
    public static long count(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             var rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}

package io.postback.jdbc;

import io.postback.jdbc.internal.JdbcRunner;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Ids unique across the shards of a sharded deployment (docs/architecture.md, "Scaling out"): shard
 * {@code k} of {@code n} (counted from 0) numbers its rows {@code k+1, k+1+n, k+1+2n, ...}, so no two
 * shards ever give the same id. Applies to every identity column of the lead store: {@code pb_lead}
 * (lead ids reach senders, events and outbound postbacks), {@code pb_journal} (journal ids name the
 * entries a replay reads), {@code pb_ledger}, {@code pb_outbox}, {@code pb_delivery} and
 * {@code pb_delivery_attempt}.
 *
 * <p>Run it once per shard after {@link Schema#create} (or the shipped DDL), before the shard takes
 * postbacks; running it again is harmless. Rows already there keep their ids; numbering goes on
 * above the highest.
 *
 * <p>PostgreSQL and H2 keep the increment with the table's identity column. MySQL and MariaDB do
 * not: their increment is the server variables {@code auto_increment_increment} and
 * {@code auto_increment_offset}, which every session that inserts must have. Set them in the server's
 * configuration, or run {@link #mysqlSessionSettings} as the pool's connection init SQL; on MySQL
 * this method sets each table's next value and fails, saying so, when the session it runs in does
 * not have those settings.
 */
public final class ShardIdentities {

    /** The lead store's tables with an identity column {@code id}. */
    public static final List<String> TABLES = List.of("pb_lead", "pb_journal", "pb_ledger", "pb_outbox", "pb_delivery",
            "pb_delivery_attempt");

    private ShardIdentities() {
    }

    /** Numbers the rows of shard {@code shardIndex} (from 0) of {@code shardCount}, for the dialect of the data source. */
    public static void apply(DataSource dataSource, int shardIndex, int shardCount) {
        apply(dataSource, JdbcLeadStore.detect(dataSource), shardIndex, shardCount);
    }

    public static void apply(DataSource dataSource, Dialect dialect, int shardIndex, int shardCount) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(dialect, "dialect");
        check(shardIndex, shardCount);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            if (dialect == Dialect.MYSQL) {
                requireMySqlSession(statement, shardIndex, shardCount);
            }
            for (String table : TABLES) {
                long next = firstIdAbove(maxId(statement, table), shardIndex, shardCount);
                statement.execute(dialect == Dialect.MYSQL
                        ? "ALTER TABLE " + table + " AUTO_INCREMENT = " + next
                        : "ALTER TABLE " + table + " ALTER COLUMN id SET INCREMENT BY " + shardCount + " RESTART WITH " + next);
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            throw JdbcRunner.failure("numbering the ids of shard " + shardIndex + " of " + shardCount, e);
        }
    }

    /**
     * The MySQL/MariaDB session settings of shard {@code shardIndex} of {@code shardCount}, for the
     * pool's connection init SQL (HikariCP's {@code connectionInitSql}).
     */
    public static String mysqlSessionSettings(int shardIndex, int shardCount) {
        check(shardIndex, shardCount);
        return "SET SESSION auto_increment_increment = " + shardCount + ", auto_increment_offset = " + (shardIndex + 1);
    }

    /** The smallest id above {@code max} that belongs to the shard: {@code shardIndex + 1} modulo {@code shardCount}. */
    static long firstIdAbove(long max, int shardIndex, int shardCount) {
        long first = shardIndex + 1L;
        if (max < first) {
            return first;
        }
        return first + ((max - first) / shardCount + 1) * shardCount;
    }

    private static long maxId(Statement statement, String table) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT COALESCE(MAX(id), 0) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void requireMySqlSession(Statement statement, int shardIndex, int shardCount) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT @@auto_increment_increment, @@auto_increment_offset")) {
            rs.next();
            if (rs.getLong(1) != shardCount || rs.getLong(2) != shardIndex + 1) {
                throw new IllegalStateException("MySQL/MariaDB keeps the id increment per session: shard " + shardIndex + " of "
                        + shardCount + " needs auto_increment_increment=" + shardCount + " and auto_increment_offset="
                        + (shardIndex + 1) + " on every connection (server configuration, or ShardIdentities.mysqlSessionSettings "
                        + "as the pool's init SQL), and this one has " + rs.getLong(1) + " and " + rs.getLong(2));
            }
        }
    }

    private static void check(int shardIndex, int shardCount) {
        if (shardCount < 1 || shardCount > 65_535) {
            throw new IllegalArgumentException("shardCount must be 1 to 65535: " + shardCount);
        }
        if (shardIndex < 0 || shardIndex >= shardCount) {
            throw new IllegalArgumentException("shardIndex must be 0 to " + (shardCount - 1) + ": " + shardIndex);
        }
    }
}

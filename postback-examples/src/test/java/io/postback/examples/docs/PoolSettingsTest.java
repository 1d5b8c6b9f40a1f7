package io.postback.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.postback.PostbackProcessor;
import io.postback.PostbackRequest;
import io.postback.jdbc.JdbcOfferCatalog;
import io.postback.jdbc.Schema;
import io.postback.jdbc.testing.TestDatabases;
import io.postback.model.Action;
import io.postback.model.LeadEvent;
import io.postback.model.Outcome;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The pools of docs/databases.md on PostgreSQL, MariaDB and H2: the session statement timeout each
 * sets (1 s here) cuts a statement that would run 3 s, with the database's timeout SQLState, and the
 * stores and a processor work on the pool. How long the cut statement took is not asserted.
 */
class PoolSettingsTest {

    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(1);

    @Test
    void postgresql_cuts_a_statement_at_the_session_timeout() throws IOException, SQLException {
        String url = urlOf(TestDatabases.postgresWithoutSchema());
        try (HikariDataSource pool = PoolSettings.postgresql(url, "postgres", null, SESSION_TIMEOUT)) {
            assertCut(pool, "SELECT pg_sleep(3)", "57014");  // query_canceled
            assertThat(query(pool, "SHOW statement_timeout")).isEqualTo("1s");
            assertPostbacksGoThrough(pool);
        }
        // The alternative of the page: SET by the pool's init SQL (lost on RESET ALL, which the options property survives).
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("postgres");
        config.setConnectionInitSql("SET statement_timeout = " + SESSION_TIMEOUT.toMillis());
        try (HikariDataSource pool = new HikariDataSource(config)) {
            assertCut(pool, "SELECT pg_sleep(3)", "57014");
        }
    }

    @Test
    void postgresql_keeps_the_options_timeout_through_reset_all() throws SQLException {
        String url = urlOf(TestDatabases.postgresWithoutSchema());
        try (HikariDataSource pool = PoolSettings.postgresql(url, "postgres", null, SESSION_TIMEOUT);
             Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("RESET ALL");
            try (ResultSet rs = statement.executeQuery("SHOW statement_timeout")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("1s");
            }
        }
    }

    @Test
    void mariadb_cuts_a_statement_at_the_session_max_statement_time() throws IOException, SQLException {
        String url = urlOf(TestDatabases.mariaDbWithoutSchema());
        try (HikariDataSource pool = PoolSettings.mariaDb(url, "root", null, SESSION_TIMEOUT)) {
            // ER_STATEMENT_TIMEOUT (1969): SLEEP is interrupted with an error, and so is a long SELECT.
            assertCut(pool, "SELECT SLEEP(3)", "70100");
            assertCut(pool, "SELECT COUNT(*) FROM information_schema.columns a, information_schema.columns b, "
                    + "information_schema.columns c", "70100");
            assertThat(query(pool, "SELECT @@max_statement_time")).isEqualTo("1.000000");
            assertPostbacksGoThrough(pool);
        }
    }

    @Test
    void mariadb_has_no_max_execution_time_of_mysql() throws SQLException {
        String url = urlOf(TestDatabases.mariaDbWithoutSchema());
        try (HikariDataSource pool = PoolSettings.mariaDb(url, "root", null, SESSION_TIMEOUT);
             Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("SET SESSION max_execution_time = 1000"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("Unknown system variable");
        }
    }

    @Test
    void h2_cuts_a_statement_at_the_session_query_timeout() throws IOException, SQLException {
        // H2 has no SLEEP function: a cross join of 10^10 rows runs long enough.
        String url = "jdbc:h2:mem:pb_pool_settings;DB_CLOSE_DELAY=-1";
        try (HikariDataSource pool = PoolSettings.h2(url, "sa", "", SESSION_TIMEOUT)) {
            assertCut(pool, "SELECT COUNT(*) FROM SYSTEM_RANGE(1, 100000) a, SYSTEM_RANGE(1, 100000) b", "57014");
            assertThat(query(pool, "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'QUERY_TIMEOUT'"))
                    .isEqualTo("1000");
            assertPostbacksGoThrough(pool);
        }
    }

    @Test
    void h2_keeps_a_statements_query_timeout_as_the_sessions() throws SQLException {
        // What docs/databases.md warns of: on H2, the stores' per-statement timeout replaces the init SQL's.
        String url = "jdbc:h2:mem:pb_pool_settings_session;DB_CLOSE_DELAY=-1";
        try (HikariDataSource pool = PoolSettings.h2(url, "sa", "", SESSION_TIMEOUT);
             Connection connection = pool.getConnection()) {
            try (Statement timed = connection.createStatement()) {
                timed.setQueryTimeout(7);
                timed.executeQuery("SELECT 1").close();
            }
            try (Statement other = connection.createStatement();
                 ResultSet rs = other.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS "
                         + "WHERE SETTING_NAME = 'QUERY_TIMEOUT'")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("7000");
            }
        }
    }

    /** The statement fails with the database's timeout SQLState (not a broken connection, not a result). */
    private static void assertCut(DataSource pool, String longStatement, String sqlState) {
        assertThatThrownBy(() -> query(pool, longStatement))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(sqlState));
    }

    private static String query(DataSource pool, String sql) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** PoolSettings.processor on the pool: a CREATE and a STATUS go through, and the listener hears of them. */
    private static void assertPostbacksGoThrough(DataSource pool) throws IOException {
        Schema.create(pool);
        JdbcOfferCatalog.importCatalog(pool, FlywayMigrationTest.sampleCatalog());
        List<LeadEvent> events = new CopyOnWriteArrayList<>();
        PostbackProcessor processor = PoolSettings.processor(pool, events::add);
        assertThat(processor.handle(PostbackRequest.fromQuery(Action.CREATE, "token=12-abc&click=p1&exto=e1")).outcome())
                .isEqualTo(Outcome.CREATED);
        assertThat(processor.handle(PostbackRequest.fromQuery(Action.STATUS, "token=12-abc&click=p1&status=approved")).outcome())
                .isEqualTo(Outcome.UPDATED);
        assertThat(events).isNotEmpty();
    }

    /** The URL of a new database; the pool that made it is closed. */
    private static String urlOf(HikariDataSource pool) {
        try (pool) {
            return pool.getJdbcUrl();
        }
    }
}

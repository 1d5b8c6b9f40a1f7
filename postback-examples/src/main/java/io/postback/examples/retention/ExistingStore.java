package io.postback.examples.retention;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.postback.jdbc.JdbcLeadStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The lead store of a database that exists already, with its tables: a command that purges must
 * never create an empty database where none was. An H2 URL is opened with {@code IFEXISTS=TRUE};
 * the store checks the tables and their schema version when it is built.
 */
record ExistingStore(JdbcLeadStore store, HikariDataSource pool) implements AutoCloseable {

    /** @throws IllegalStateException when there is no database at the URL (naming neither the URL nor its credentials) */
    static ExistingStore open(String jdbcUrl) {
        boolean h2 = jdbcUrl.startsWith("jdbc:h2:");
        String existing = h2 && !jdbcUrl.toUpperCase(Locale.ROOT).contains("IFEXISTS=") ? jdbcUrl + ";IFEXISTS=TRUE" : jdbcUrl;
        // One connection straight from the driver first: it fails at once where the pool would
        // retry for its whole connection timeout before saying that there is no database.
        try (Connection probe = java.sql.DriverManager.getConnection(existing)) {
            probe.isValid(1);
        } catch (SQLException e) {
            throw new IllegalStateException("no database at the given URL (" + firstLine(e.getMessage())
                    + "): run the command where the demo keeps its data (./data), or pass --jdbc-url", e);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(existing);
        config.setPoolName("postback-retention");
        config.setMaximumPoolSize(2);
        HikariDataSource pool = new HikariDataSource(config);
        try {
            return new ExistingStore(JdbcLeadStore.builder(pool).build(), pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static String firstLine(String message) {
        String text = message == null ? "" : message;
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        return line.length() > 160 ? line.substring(0, 160) + "..." : line;
    }

    @Override
    public void close() {
        pool.close();
    }
}

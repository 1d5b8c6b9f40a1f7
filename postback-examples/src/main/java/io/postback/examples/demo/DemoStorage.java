package io.postback.examples.demo;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.postback.jdbc.JdbcLeadStore;
import io.postback.jdbc.Schema;
import io.postback.spi.LeadHistory;
import io.postback.spi.LeadStore;
import java.io.Closeable;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The store behind the demo: the write side for the processor, the read side for the page, the
 * connection pool for {@code /health}, and what to close on shutdown.
 *
 * @param database    the pool the store uses, for the health check
 * @param description where the data lives, for the start-up line; never contains credentials
 */
public record DemoStorage(LeadStore store, LeadHistory history, DataSource database, String description, Closeable resources)
        implements AutoCloseable {

    private static final int POOL_SIZE = 10;

    public DemoStorage {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(resources, "resources");
    }

    /**
     * The processor a command runs postbacks with over this storage: the catalog's rules and the
     * database's exchange rates (docs/rates.md), as the demo's server converts them.
     */
    public io.postback.PostbackProcessor commandProcessor(io.postback.spi.OfferCatalog catalog) {
        return io.postback.PostbackProcessor.builder(store, catalog)
                .currencyConverter(io.postback.jdbc.JdbcExchangeRates.builder(database).build()).build();
    }

    /**
     * Connects to the database of {@code --jdbc-url} (the H2 file under ./data by default), creates
     * the tables if they are missing, and opens the JDBC store on a connection pool.
     *
     * @throws RuntimeException when the database cannot be reached; nothing is left open
     */
    public static DemoStorage open(DemoOptions options) {
        return open(options, config -> { });
    }

    /**
     * {@link #open(DemoOptions)} with the pool's meters ({@code hikaricp_connections_pending},
     * {@code hikaricp_connections_timeout_total}, ...) on {@code registry}, for {@code /metrics}.
     *
     * @throws RuntimeException when the database cannot be reached; nothing is left open
     */
    public static DemoStorage open(DemoOptions options, MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        return open(options, config -> config.setMetricRegistry(registry));
    }

    /**
     * Opens the store of a database that must exist already, with its tables: for the commands that
     * read it (replay, correct, reconcile, rates, outbound), which must never create an empty database where none was and
     * then report that it holds nothing. An H2 URL is opened with {@code IFEXISTS=TRUE}; the store
     * checks the tables and their schema version when it is built.
     *
     * @throws IllegalStateException naming the database (without credentials) when it does not exist
     */
    public static DemoStorage openExisting(DemoOptions options) {
        String url = options.effectiveJdbcUrl();
        boolean h2 = url.startsWith("jdbc:h2:");
        String existing = h2 && !url.toUpperCase(java.util.Locale.ROOT).contains("IFEXISTS=") ? url + ";IFEXISTS=TRUE" : url;
        // One connection straight from the driver first: it fails at once where the pool would
        // retry for its whole connection timeout before saying that there is no database.
        try (java.sql.Connection probe = java.sql.DriverManager.getConnection(existing)) {
            probe.isValid(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("no database at " + withoutSecrets(url) + " (" + firstLine(e.getMessage())
                    + "): run the command where the demo keeps its data (./data), or pass --jdbc-url", e);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(existing);
        config.setPoolName("postback-command");
        config.setMaximumPoolSize(2);
        HikariDataSource pool = new HikariDataSource(config);
        try {
            JdbcLeadStore store = JdbcLeadStore.builder(pool).build();
            return new DemoStorage(store, store, pool, store.dialect() + " at " + withoutSecrets(url), pool);
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

    private static DemoStorage open(DemoOptions options, Consumer<HikariConfig> metrics) {
        String url = options.effectiveJdbcUrl();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName("postback-demo");
        config.setMaximumPoolSize(POOL_SIZE);
        // A postback waits at most a quarter of its deadline for a connection, so that a database that
        // stopped answering still leaves time to learn what became of a write (docs/RELIABILITY.md, "Deadlines").
        config.setConnectionTimeout(Math.max(250, options.postbacks().poolWait().toMillis()));
        config.setValidationTimeout(Math.max(250, options.postbacks().poolWait().toMillis() / 2));
        metrics.accept(config);
        HikariDataSource pool = new HikariDataSource(config);
        try {
            Schema.create(pool);
            JdbcLeadStore store = JdbcLeadStore.builder(pool).build();
            return new DemoStorage(store, store, pool, store.dialect() + " at " + withoutSecrets(url), pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * The URL up to its parameters, without user info: {@code ?password=...} and
     * {@code //user:secret@host} stay out of the log.
     */
    static String withoutSecrets(String url) {
        String shown = url;
        int params = indexOfAny(shown, '?', ';', '&');
        if (params >= 0) {
            shown = shown.substring(0, params);
        }
        return shown.replaceFirst("//[^/@]*@", "//");
    }

    private static int indexOfAny(String text, char... chars) {
        int first = -1;
        for (char c : chars) {
            int at = text.indexOf(c);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }

    @Override
    public void close() throws IOException {
        resources.close();
    }
}

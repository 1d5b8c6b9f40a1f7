package io.postback.examples.docs;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.postback.PostbackProcessor;
import io.postback.jdbc.JdbcLeadStore;
import io.postback.jdbc.JdbcOfferCatalog;
import io.postback.jdbc.Schema;
import io.postback.spi.LeadEventListener;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * HikariCP pools for the JDBC stores, one per database, each with the session statement timeout
 * that database understands, and the stores and processor on a pool (docs/databases.md,
 * "Embedding with your own DataSource").
 */
public final class PoolSettings {

    private PoolSettings() {
    }

    // tag::postgresql[]
    public static HikariDataSource postgresql(String jdbcUrl, String user, String password, Duration statementTimeout) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(16);
        config.setConnectionTimeout(750);  // milliseconds; well under the processor's deadline
        // Sent when the connection opens, so DISCARD ALL or RESET ALL keep it; milliseconds.
        config.addDataSourceProperty("options", "-c statement_timeout=" + statementTimeout.toMillis());
        config.addDataSourceProperty("socketTimeout", "10");  // seconds; longer than any statement may run
        return new HikariDataSource(config);
    }
    // end::postgresql[]

    // tag::mariadb[]
    public static HikariDataSource mariaDb(String jdbcUrl, String user, String password, Duration statementTimeout) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(16);
        config.setConnectionTimeout(750);
        // MariaDB counts seconds, with fractions; MySQL has no max_statement_time (see below).
        config.setConnectionInitSql("SET SESSION max_statement_time = " + statementTimeout.toMillis() / 1000.0);
        config.addDataSourceProperty("socketTimeout", "10000");  // milliseconds, for MariaDB Connector/J
        return new HikariDataSource(config);
    }
    // end::mariadb[]

    // tag::h2[]
    public static HikariDataSource h2(String jdbcUrl, String user, String password, Duration statementTimeout) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(16);
        config.setConnectionTimeout(750);
        config.setConnectionInitSql("SET QUERY_TIMEOUT " + statementTimeout.toMillis());  // milliseconds
        return new HikariDataSource(config);
    }
    // end::h2[]

    // tag::processor[]
    public static PostbackProcessor processor(DataSource dataSource, LeadEventListener events) {
        Schema.create(dataSource);  // demos and tests; production migrates the tables (see "Migrations with Flyway")
        JdbcLeadStore store = JdbcLeadStore.builder(dataSource).build();  // dialect detected from the metadata
        JdbcOfferCatalog catalog = JdbcOfferCatalog.builder(dataSource)
                .refreshEvery(Duration.ofMinutes(1))  // re-read the catalog tables when the snapshot is older
                .build();
        return PostbackProcessor.builder(store, catalog)
                .eventListener(events)             // delivered from pb_outbox after commit
                .deadline(Duration.ofSeconds(3))   // each statement's timeout is the time left of it
                .build();
    }
    // end::processor[]
}

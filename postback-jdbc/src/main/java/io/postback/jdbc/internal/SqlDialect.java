package io.postback.jdbc.internal;

import io.postback.jdbc.Dialect;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * What differs between databases: how instants travel, the row-limit clause, and the write
 * strategy ({@link LeadWriter}, {@link SignatureWriter}).
 */
public abstract class SqlDialect {

    private final Timestamps timestamps;

    SqlDialect(Timestamps timestamps) {
        this.timestamps = timestamps;
    }

    public static SqlDialect of(Dialect dialect) {
        return switch (dialect) {
            case POSTGRESQL -> new PostgresSql();
            case MYSQL -> new MySql();
            case H2 -> new H2Sql();
        };
    }

    abstract LeadWriter leadWriter(JdbcRunner runner);

    abstract SignatureWriter signatureWriter();

    /** The runner of the lead store's work on this database. */
    public JdbcRunner runner(DataSource dataSource) {
        return new JdbcRunner(dataSource, connectionCheck(), timestamps);
    }

    /** What every connection must satisfy before the store writes on it; nothing by default. */
    JdbcRunner.ConnectionCheck connectionCheck() {
        return JdbcRunner.ConnectionCheck.NONE;
    }

    /**
     * Settings the store makes when it is built (H2: commits written before they are acknowledged).
     * Nothing by default, without even a connection: a store of the other dialects builds while its
     * database is down.
     */
    public void prepareDatabase(DataSource dataSource) throws SQLException {
    }

    /** The clause that limits a query to {@code ?} rows, after ORDER BY. */
    String limit() {
        return " LIMIT ?";
    }
}

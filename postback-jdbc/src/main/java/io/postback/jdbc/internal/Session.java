package io.postback.jdbc.internal;

import io.postback.spi.Deadline;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * One unit of work's connection, and the one place where statements are prepared, bound, executed
 * and mapped. Every statement gets the deadline's time left as its query timeout; none is prepared
 * once the deadline has passed. In a transaction, {@link #rollbackOnly()} ends it without writing.
 */
final class Session {

    /** An insert that just ran: what a dialect may check before it answers (see {@link MySql}). */
    static final class Inserted {
        private final PreparedStatement statement;
        private final int rows;

        private Inserted(PreparedStatement statement, int rows) {
            this.statement = statement;
            this.rows = rows;
        }

        int rows() {
            return rows;
        }

        Optional<SQLWarning> warning() throws SQLException {
            return Optional.ofNullable(statement.getWarnings());
        }

        long generatedId() throws SQLException {
            try (ResultSet keys = statement.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the database returned no generated id");
                }
                return keys.getLong(1);
            }
        }
    }

    /** Reads the answer of an insert. */
    @FunctionalInterface
    interface InsertReader<T> {
        T read(Inserted inserted) throws SQLException;
    }

    private final Connection connection;
    private final Deadline deadline;
    private final Timestamps timestamps;
    private boolean rollbackOnly;
    /** Statements handed out: in auto-commit, each may have run and committed when a failure is seen. */
    private int statements;
    /** The SQL of the statement handed out last: a failure names its table (never its values). */
    private String lastSql;

    Session(Connection connection, Deadline deadline, Timestamps timestamps) {
        this.connection = connection;
        this.deadline = deadline;
        this.timestamps = timestamps;
    }

    /** Every row of a query, mapped. */
    <T> List<T> query(String sql, Parameters parameters, RowMapper<T> mapper) throws SQLException {
        try (PreparedStatement statement = prepare(sql)) {
            bind(statement, parameters);
            try (ResultSet rs = statement.executeQuery()) {
                Row row = new Row(rs, timestamps);
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(row));
                }
                return rows;
            }
        }
    }

    /** The first row of a query, mapped; the others are not read. */
    <T> Optional<T> queryFirst(String sql, Parameters parameters, RowMapper<T> mapper) throws SQLException {
        try (PreparedStatement statement = prepare(sql)) {
            bind(statement, parameters);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(mapper.map(new Row(rs, timestamps))) : Optional.empty();
            }
        }
    }

    /** The row count of an insert, update or delete. */
    int update(String sql, Parameters parameters) throws SQLException {
        try (PreparedStatement statement = prepare(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        }
    }

    /** An insert of one row: its generated {@code id}. */
    long insert(String sql, Parameters parameters) throws SQLException {
        return insert(sql, parameters, Inserted::generatedId);
    }

    /** An insert whose answer is read by {@code reader}, while its statement is open. */
    <T> T insert(String sql, Parameters parameters, InsertReader<T> reader) throws SQLException {
        lastSql = sql;
        try (PreparedStatement statement = timed(connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS))) {
            bind(statement, parameters);
            return reader.read(new Inserted(statement, statement.executeUpdate()));
        }
    }

    /** One statement run for every item, as one batch. */
    <T> void batch(String sql, Collection<T> items, Parameters.PerItem<T> parameters) throws SQLException {
        try (PreparedStatement statement = prepare(sql)) {
            for (T item : items) {
                bind(statement, binder -> parameters.bind(binder, item));
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** One statement run for every item, one execution each: a failure names no other item's values. */
    <T> void updateEach(String sql, Collection<T> items, Parameters.PerItem<T> parameters) throws SQLException {
        try (PreparedStatement statement = prepare(sql)) {
            for (T item : items) {
                bind(statement, binder -> parameters.bind(binder, item));
                statement.executeUpdate();
            }
        }
    }

    /** Ends the transaction without writing. */
    void rollbackOnly() {
        rollbackOnly = true;
    }

    boolean isRollbackOnly() {
        return rollbackOnly;
    }

    /** Whether a statement was handed out: in auto-commit, it may have committed. */
    boolean ranStatements() {
        return statements > 0;
    }

    PreparedStatement prepare(String sql) throws SQLException {
        lastSql = sql;
        return timed(connection.prepareStatement(sql));
    }

    /** The table of the statement handed out last, for a failure's message; empty before any. */
    Optional<String> lastTable() {
        return lastSql == null ? Optional.empty() : Tables.of(lastSql);
    }

    private void bind(PreparedStatement statement, Parameters parameters) throws SQLException {
        parameters.bind(new Binder(statement, timestamps));
    }

    /**
     * JDBC timeouts are whole seconds, rounded up here: a statement may overrun the deadline by
     * less than a second, never cut a postback short. Checked on every statement, also against 0
     * (none): H2 keeps a statement's timeout for the whole session, pooled connection included,
     * and reports that one. Set only when it differs: H2 runs {@code SET QUERY_TIMEOUT} for every
     * set and then parses the next statement again, so that setting it on every statement made
     * each one about 10 µs dearer (docs/benchmarks.md, "H2 at 16 clients").
     */
    private PreparedStatement timed(PreparedStatement statement) throws SQLException {
        long millis = deadline.remainingMillis();
        if (millis == 0) {
            statement.close();
            throw deadlinePassed();
        }
        int seconds = deadline.isBounded() ? (int) Math.min(Integer.MAX_VALUE, (millis + 999) / 1000) : 0;
        if (statement.getQueryTimeout() != seconds) {
            statement.setQueryTimeout(seconds);
        }
        statements++;
        return statement;
    }

    static SQLTimeoutException deadlinePassed() {
        return new SQLTimeoutException("the postback's deadline passed", JdbcRunner.DEADLINE_PASSED);
    }
}

package io.postback.jdbc.internal;

import io.postback.spi.Deadline;
import io.postback.spi.StoreException;
import io.postback.spi.WriteOutcomeUnknownException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Borrows a connection for one unit of work, manages the transaction when asked to, restores
 * auto-commit, and turns every {@link SQLException} into a {@link StoreException} that names the
 * operation. The message carries the SQLState only: driver messages may echo bound values.
 *
 * <p>Every unit of work runs within a {@link Deadline}: none is started once it has passed, and
 * every statement prepared through the {@link Session} gets the time left as its query timeout, so
 * a lock that is held or a database that stopped answering costs a postback its deadline, not the
 * driver's defaults (docs/RELIABILITY.md, "Deadlines").
 */
public final class JdbcRunner {

    /** SQLState of a unit of work refused or cut because the deadline passed (ODBC's "timeout expired"). */
    public static final String DEADLINE_PASSED = "HYT00";

    /** Work on a borrowed connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Session session) throws SQLException;
    }

    /**
     * One unit of work's connection: statements are prepared here so that each gets the deadline's
     * time left as its query timeout. In a transaction, {@link #rollbackOnly()} ends it without writing.
     */
    public static final class Session {
        private final Connection connection;
        private final Deadline deadline;
        private boolean rollbackOnly;
        /** Statements handed out: in auto-commit, each may have run and committed when a failure is seen. */
        private int statements;

        Session(Connection connection, Deadline deadline) {
            this.connection = connection;
            this.deadline = deadline;
        }

        public PreparedStatement prepare(String sql) throws SQLException {
            return timed(connection.prepareStatement(sql));
        }

        /** A statement whose generated {@code id} column can be read with {@link SqlDialect#generatedId}. */
        public PreparedStatement prepareReturning(String sql, String[] columns) throws SQLException {
            return timed(connection.prepareStatement(sql, columns));
        }

        public PreparedStatement prepareReturningKeys(String sql) throws SQLException {
            return timed(connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS));
        }

        /** The connection itself, for work without a deadline (the catalog's reads and writes). */
        public Connection connection() {
            return connection;
        }

        /** Ends the transaction without writing. */
        public void rollbackOnly() {
            rollbackOnly = true;
        }

        /**
         * JDBC timeouts are whole seconds, rounded up here: a statement may overrun the deadline by
         * less than a second, never cut a postback short. Set on every statement, also to 0 (none):
         * H2 keeps a statement's timeout for the whole session, pooled connection included.
         */
        private PreparedStatement timed(PreparedStatement statement) throws SQLException {
            long millis = deadline.remainingMillis();
            if (millis == 0) {
                statement.close();
                throw deadlinePassed();
            }
            statement.setQueryTimeout(deadline.isBounded() ? (int) Math.min(Integer.MAX_VALUE, (millis + 999) / 1000) : 0);
            statements++;
            return statement;
        }
    }

    /** A check of each connection the pool hands out, before any work on it (see {@link H2Durability}). */
    @FunctionalInterface
    public interface ConnectionCheck {
        ConnectionCheck NONE = connection -> { };

        void check(Connection connection) throws SQLException;
    }

    private static final int ATTEMPTS = 3;

    private final DataSource dataSource;
    private final ConnectionCheck check;

    public JdbcRunner(DataSource dataSource) {
        this(dataSource, ConnectionCheck.NONE);
    }

    public JdbcRunner(DataSource dataSource, ConnectionCheck check) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.check = Objects.requireNonNull(check, "check");
    }

    /** Runs statements that are atomic on their own; commits too if the pool hands out manual-commit connections. */
    public <T> T autoCommit(String operation, Deadline deadline, Work<T> work) {
        return run(operation, deadline, work, false);
    }

    /** Runs the work in one transaction: all of it is written, or none. */
    public <T> T inTransaction(String operation, Deadline deadline, Work<T> work) {
        return run(operation, deadline, work, true);
    }

    private <T> T run(String operation, Deadline deadline, Work<T> work, boolean transactional) {
        for (int attempt = 1; ; attempt++) {
            Outcome outcome = new Outcome();
            try {
                return attempt(work, deadline, transactional, outcome);
            } catch (SQLException e) {
                if (outcome.mayHaveCommitted && SqlStates.isConnectionLoss(e)) {
                    throw new WriteOutcomeUnknownException(message(operation, e), e);
                }
                if (attempt >= ATTEMPTS || !SqlStates.isTransactionRollback(e) || deadline.hasPassed()) {
                    throw failure(operation, e);
                }
            }
        }
    }

    /** Whether a failed unit of work may have committed all the same, were its failure a lost connection. */
    private static final class Outcome {
        boolean mayHaveCommitted;
    }

    /**
     * One attempt on one borrowed connection. A deadlock or serialization failure (SQLState class
     * 40) rolled the whole unit back, so the unit is simply run again, a few times at most. A
     * failure may have left a commit behind only when it came from a statement run in auto-commit
     * or from the commit itself: a transaction that failed before its commit was sent is rolled
     * back, by us or by the server when the connection dies.
     */
    private <T> T attempt(Work<T> work, Deadline deadline, boolean transactional, Outcome outcome) throws SQLException {
        if (deadline.hasPassed()) {
            throw deadlinePassed();
        }
        try (Connection connection = dataSource.getConnection()) {
            if (deadline.hasPassed()) {
                throw deadlinePassed(); // the pool made us wait it out
            }
            check.check(connection);
            Session session = new Session(connection, deadline);
            boolean autoCommit = connection.getAutoCommit();
            if (!transactional && autoCommit) {
                try {
                    return work.run(session);
                } catch (SQLException | RuntimeException e) {
                    outcome.mayHaveCommitted = session.statements > 0;
                    throw e;
                }
            }
            if (autoCommit) {
                connection.setAutoCommit(false);
            }
            T result;
            try {
                result = work.run(session);
                outcome.mayHaveCommitted = !session.rollbackOnly;
                finish(connection, session);
                outcome.mayHaveCommitted = false;
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                if (autoCommit) {
                    restoreAutoCommit(connection, e);
                }
                throw e;
            }
            if (autoCommit) {
                connection.setAutoCommit(true);
            }
            return result;
        }
    }

    private static SQLTimeoutException deadlinePassed() {
        return new SQLTimeoutException("the postback's deadline passed", DEADLINE_PASSED);
    }

    private static void restoreAutoCommit(Connection connection, Exception cause) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static void finish(Connection connection, Session session) throws SQLException {
        if (session.rollbackOnly) {
            connection.rollback();
        } else {
            connection.commit();
        }
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /** The store's exception for a failed operation, with the SQLState and the cause attached. */
    public static StoreException failure(String operation, SQLException e) {
        return new StoreException(message(operation, e), e);
    }

    private static String message(String operation, SQLException e) {
        String state = e.getSQLState() == null ? "unknown" : e.getSQLState();
        String why = DEADLINE_PASSED.equals(state) ? ", the postback's deadline passed" : "";
        return operation + " failed (SQLState " + state + why + ")";
    }
}

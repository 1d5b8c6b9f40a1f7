package io.postback.jdbc.internal;

import io.postback.spi.Deadline;
import io.postback.spi.StoreException;
import io.postback.spi.WriteOutcomeUnknownException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Borrows a connection for one unit of work, manages the transaction when asked to, restores
 * auto-commit, and turns every {@link SQLException} into a {@link StoreException} that names the
 * operation and the table it failed on. The message carries the SQLState only: driver messages may
 * echo bound values.
 *
 * <p>Every unit of work runs within a {@link Deadline}: none is started once it has passed, and
 * every statement, all run by its {@link Session}, gets the time left as its query timeout, so
 * a lock that is held or a database that stopped answering costs a postback its deadline, not the
 * driver's defaults (docs/RELIABILITY.md, "Deadlines").
 */
public final class JdbcRunner {

    /** SQLState of a unit of work refused or cut because the deadline passed (ODBC's "timeout expired"). */
    public static final String DEADLINE_PASSED = "HYT00";

    /** Work on a borrowed connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Session session) throws SQLException;
    }

    /** A check of each connection the pool hands out, before any work on it (see {@link H2Durability}). */
    @FunctionalInterface
    interface ConnectionCheck {
        ConnectionCheck NONE = connection -> { };

        void check(Connection connection) throws SQLException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(JdbcRunner.class);
    private static final int ATTEMPTS = 3;

    private final DataSource dataSource;
    private final ConnectionCheck check;
    private final Timestamps timestamps;

    /** A runner for tables without instants, whose connections need no check (the catalog's). */
    public JdbcRunner(DataSource dataSource) {
        this(dataSource, ConnectionCheck.NONE, Timestamps.NONE);
    }

    JdbcRunner(DataSource dataSource, ConnectionCheck check, Timestamps timestamps) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.check = Objects.requireNonNull(check, "check");
        this.timestamps = Objects.requireNonNull(timestamps, "timestamps");
    }

    /** One query in auto-commit: every row, mapped. */
    <T> List<T> query(String operation, Deadline deadline, String sql, Parameters parameters, RowMapper<T> mapper) {
        return autoCommit(operation, deadline, session -> session.query(sql, parameters, mapper));
    }

    /** One query in auto-commit: its first row, mapped. */
    <T> Optional<T> queryFirst(String operation, Deadline deadline, String sql, Parameters parameters, RowMapper<T> mapper) {
        return autoCommit(operation, deadline, session -> session.queryFirst(sql, parameters, mapper));
    }

    /** One insert, update or delete in auto-commit: its row count. */
    int update(String operation, Deadline deadline, String sql, Parameters parameters) {
        return autoCommit(operation, deadline, session -> session.update(sql, parameters));
    }

    /** Runs statements that are atomic on their own; commits too if the pool hands out manual-commit connections. */
    <T> T autoCommit(String operation, Deadline deadline, Work<T> work) {
        return run(operation, deadline, work, false);
    }

    /** Runs the work in one transaction, on one session: all of it is written, or none. */
    <T> T inTransaction(String operation, Deadline deadline, Work<T> work) {
        return run(operation, deadline, work, true);
    }

    private <T> T run(String operation, Deadline deadline, Work<T> work, boolean transactional) {
        for (int attempt = 1; ; attempt++) {
            Outcome outcome = new Outcome();
            try {
                return attempt(work, deadline, transactional, outcome);
            } catch (SQLException e) {
                if (outcome.mayHaveCommitted(e)) {
                    throw new WriteOutcomeUnknownException(message(operation, outcome.table(), e), e);
                }
                if (attempt >= ATTEMPTS || !SqlStates.isTransactionRollback(e) || deadline.hasPassed()) {
                    throw new StoreException(message(operation, outcome.table(), e), e);
                }
            }
        }
    }

    /** Whether a failed unit of work may have committed all the same, were its failure a lost connection. */
    private static final class Outcome {
        /** Statements ran in auto-commit: each one committed on its own, unless it failed. */
        boolean ranInAutoCommit;
        /** The transaction's commit was sent and has not answered. */
        boolean committing;
        Session session;

        /**
         * Whether the failure may have left a commit behind: a statement in auto-commit whose
         * connection broke (it may have run and committed), or a commit that failed for any reason
         * but one that proves it did not happen.
         */
        boolean mayHaveCommitted(SQLException e) {
            return committing ? !SqlStates.provesNoCommit(e) : ranInAutoCommit && SqlStates.isConnectionLoss(e);
        }

        /** " on pb_lead": where the unit of work failed, when a statement was handed out. */
        String table() {
            return session == null ? "" : session.lastTable().map(t -> " on " + t).orElse("");
        }
    }

    /**
     * One attempt on one borrowed connection. A deadlock or serialization failure (SQLState class
     * 40) rolled the whole unit back, so the unit is simply run again, a few times at most. A
     * failure may have left a commit behind only when it came from a statement run in auto-commit
     * or from the commit itself: a transaction that failed before its commit was sent is rolled
     * back, by us or by the server when the connection dies. What fails after the commit went
     * through (restoring auto-commit, closing the connection) fails nothing: the unit is done.
     */
    private <T> T attempt(Work<T> work, Deadline deadline, boolean transactional, Outcome outcome) throws SQLException {
        if (deadline.hasPassed()) {
            throw Session.deadlinePassed();
        }
        Connection connection = dataSource.getConnection();
        T result;
        try {
            result = onConnection(connection, work, deadline, transactional, outcome);
        } catch (SQLException | RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException | RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        // The unit is done (committed, if it wrote): a connection that fails to close now changes nothing.
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("a connection could not be closed after its unit of work was done ({})", e.toString());
        }
        return result;
    }

    private <T> T onConnection(Connection connection, Work<T> work, Deadline deadline, boolean transactional,
                               Outcome outcome) throws SQLException {
        if (deadline.hasPassed()) {
            throw Session.deadlinePassed(); // the pool made us wait it out
        }
        check.check(connection);
        Session session = new Session(connection, deadline, timestamps);
        outcome.session = session;
        boolean autoCommit = connection.getAutoCommit();
        if (!transactional && autoCommit) {
            try {
                return work.run(session);
            } catch (SQLException | RuntimeException e) {
                outcome.ranInAutoCommit = session.ranStatements();
                throw e;
            }
        }
        return transaction(connection, session, work, outcome, autoCommit);
    }

    /**
     * The work in a transaction, auto-commit switched off for it and restored when it was on. Once
     * the commit has gone through, the unit is done: a connection that breaks while auto-commit is
     * restored changes nothing (the pool drops it). After a failure, auto-commit is restored only if
     * the rollback went through: JDBC's setAutoCommit(true) commits an open transaction.
     */
    private static <T> T transaction(Connection connection, Session session, Work<T> work, Outcome outcome,
                                     boolean autoCommit) throws SQLException {
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        T result;
        try {
            result = work.run(session);
            outcome.committing = !session.isRollbackOnly();
            finish(connection, session);
            outcome.committing = false;
        } catch (SQLException | RuntimeException e) {
            if (rollback(connection, e) && autoCommit) {
                restoreAutoCommit(connection, e);
            }
            throw e;
        }
        if (autoCommit) {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                LOG.warn("auto-commit could not be restored after a commit, the connection is left to the pool to drop "
                        + "(SQLState {})", e.getSQLState());
            }
        }
        return result;
    }

    private static void restoreAutoCommit(Connection connection, Exception cause) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static void finish(Connection connection, Session session) throws SQLException {
        if (session.isRollbackOnly()) {
            connection.rollback();
        } else {
            connection.commit();
        }
    }

    /** Whether the rollback went through; a failed one is attached to the failure that caused it. */
    private static boolean rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
            return true;
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
            return false;
        }
    }

    /** The store's exception for a failed operation, with the SQLState and the cause attached. */
    public static StoreException failure(String operation, SQLException e) {
        return new StoreException(message(operation, "", e), e);
    }

    /** @param table " on pb_lead", or empty when unknown */
    private static String message(String operation, String table, SQLException e) {
        String state = e.getSQLState() == null ? "unknown" : e.getSQLState();
        String why = DEADLINE_PASSED.equals(state) ? ", the postback's deadline passed" : "";
        String hint = SqlStates.isMissingTableOrColumn(e) ? ": the postback tables are missing or older than this release"
                + " needs; run Schema.create(dataSource) or apply the DDL files (docs/databases.md)" : "";
        return operation + " failed" + table + " (SQLState " + state + why + ")" + hint;
    }
}

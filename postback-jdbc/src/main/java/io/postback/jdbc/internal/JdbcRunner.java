package io.postback.jdbc.internal;

import io.postback.spi.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Borrows a connection for one unit of work, manages the transaction when asked to, restores
 * auto-commit, and turns every {@link SQLException} into a {@link StoreException} that names the
 * operation. The message carries the SQLState only: driver messages may echo bound values.
 */
public final class JdbcRunner {

    /** Work on a borrowed connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Work in a transaction; it calls {@link Tx#rollbackOnly()} to end without writing. */
    @FunctionalInterface
    public interface TxWork<T> {
        T run(Connection connection, Tx tx) throws SQLException;
    }

    /** The transaction of a {@link TxWork}. */
    public static final class Tx {
        private boolean rollbackOnly;

        public void rollbackOnly() {
            rollbackOnly = true;
        }
    }

    private static final int ATTEMPTS = 3;

    private final DataSource dataSource;

    public JdbcRunner(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Runs statements that are atomic on their own; commits too if the pool hands out manual-commit connections. */
    public <T> T autoCommit(String operation, Work<T> work) {
        return inTransaction(operation, (connection, tx) -> work.run(connection), false);
    }

    /** Runs the work in one transaction: all of it is written, or none. */
    public <T> T inTransaction(String operation, TxWork<T> work) {
        return inTransaction(operation, work, true);
    }

    private <T> T inTransaction(String operation, TxWork<T> work, boolean transactional) {
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(work, transactional);
            } catch (SQLException e) {
                if (attempt >= ATTEMPTS || !SqlStates.isTransactionRollback(e)) {
                    throw failure(operation, e);
                }
            }
        }
    }

    /**
     * One attempt on one borrowed connection. A deadlock or serialization failure (SQLState class
     * 40) rolled the whole unit back, so the unit is simply run again, a few times at most.
     */
    private <T> T attempt(TxWork<T> work, boolean transactional) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            if (!transactional && autoCommit) {
                return work.run(connection, new Tx());
            }
            if (autoCommit) {
                connection.setAutoCommit(false);
            }
            T result;
            try {
                Tx tx = new Tx();
                result = work.run(connection, tx);
                finish(connection, tx);
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

    private static void restoreAutoCommit(Connection connection, Exception cause) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static void finish(Connection connection, Tx tx) throws SQLException {
        if (tx.rollbackOnly) {
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
        String state = e.getSQLState() == null ? "unknown" : e.getSQLState();
        return new StoreException(operation + " failed (SQLState " + state + ")", e);
    }
}

package io.postback.jdbc.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * A data source that runs a fault once, when a connection prepares a statement containing a
 * given text: for breaking a postback between two statements of its transaction.
 */
public final class FaultInjection {

    /** What to do to the connection that is about to prepare the statement. */
    @FunctionalInterface
    public interface Fault {
        void strike(Connection connection) throws SQLException;
    }

    private record Armed(String sqlPart, Fault fault) {
    }

    private final DataSource target;
    private final AtomicReference<Armed> armed = new AtomicReference<>();
    private final AtomicReference<String> loseAnswerOf = new AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicBoolean answerLost = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicBoolean breakAfterNextCommit = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicBoolean failNextRollback = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicBoolean failNextClose = new java.util.concurrent.atomic.AtomicBoolean();
    private final AtomicReference<String> failNextCommitAfterIt = new AtomicReference<>();

    public FaultInjection(DataSource target) {
        this.target = target;
    }

    /** The next statement containing {@code sqlPart} gets {@code fault} first; only once. */
    public void arm(String sqlPart, Fault fault) {
        armed.set(new Armed(sqlPart, fault));
    }

    public boolean struck() {
        return armed.get() == null;
    }

    /**
     * The next unit of work that prepares a statement containing {@code sqlPart} is done for real
     * (its statement executed in auto-commit, or its transaction committed), and then its connection
     * breaks before the answer is read: the caller sees a failure for a write that committed.
     */
    public void loseAnswerOf(String sqlPart) {
        answerLost.set(false);
        loseAnswerOf.set(sqlPart);
    }

    /** Whether an armed lost answer happened, after a commit. */
    public boolean answerLost() {
        return answerLost.get();
    }

    /**
     * The next commit is done for real, and then the connection breaks: restoring its auto-commit
     * fails as a connection loss, as when the database shuts down right after the commit.
     */
    public void breakAfterNextCommit() {
        breakAfterNextCommit.set(true);
    }

    /** The next commit is done for real, and then fails with {@code sqlState}, the connection still open. */
    public void failNextCommitAfterIt(String sqlState) {
        failNextCommitAfterIt.set(sqlState);
    }

    /** The next close of a connection closes it, and then fails as a connection loss. */
    public void failNextClose() {
        failNextClose.set(true);
    }

    /** The next rollback fails and rolls nothing back; the connection stays open, its transaction too. */
    public void failNextRollback() {
        failNextRollback.set(true);
    }

    public DataSource dataSource() {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    return method.getName().equals("getConnection") ? connection((Connection) result) : result;
                });
    }

    private Connection connection(Connection real) {
        boolean[] doomed = new boolean[1];
        boolean[] brokenAfterCommit = new boolean[1];
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("commit") && breakAfterNextCommit.compareAndSet(true, false)) {
                real.commit();
                brokenAfterCommit[0] = true;
                return null;
            }
            if (method.getName().equals("setAutoCommit") && brokenAfterCommit[0]) {
                throw new SQLException("injected: connection reset after the commit", "08000");
            }
            String commitFailure = failNextCommitAfterIt.get();
            if (method.getName().equals("commit") && commitFailure != null && failNextCommitAfterIt.compareAndSet(commitFailure, null)) {
                real.commit();
                throw new SQLException("injected: the commit was interrupted", commitFailure);
            }
            if (method.getName().equals("close") && failNextClose.compareAndSet(true, false)) {
                real.close();
                throw new SQLException("injected: the connection broke as it was closed", "08000");
            }
            if (method.getName().equals("rollback") && (args == null || args.length == 0)
                    && failNextRollback.compareAndSet(true, false)) {
                throw new SQLException("injected: the rollback failed", "HY000");
            }
            if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String sql) {
                Armed current = armed.get();
                if (current != null && sql.contains(current.sqlPart()) && armed.compareAndSet(current, null)) {
                    current.fault().strike(real);
                }
                String lose = loseAnswerOf.get();
                if (lose != null && sql.contains(lose) && loseAnswerOf.compareAndSet(lose, null)) {
                    doomed[0] = true;
                    if (real.getAutoCommit()) {
                        return statementLosingItsAnswer((java.sql.PreparedStatement) invoke(real, method, args), real);
                    }
                }
            }
            if (method.getName().equals("commit") && doomed[0]) {
                real.commit();
                throw breakAfterCommit(real);
            }
            return invoke(real, method, args);
        };
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    /** An auto-commit statement: executed (and so committed) for real, then the connection breaks. */
    private java.sql.PreparedStatement statementLosingItsAnswer(java.sql.PreparedStatement real, Connection connection) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result = invoke(real, method, args);
            if (method.getName().startsWith("execute")) {
                throw breakAfterCommit(connection);
            }
            return result;
        };
        return (java.sql.PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {java.sql.PreparedStatement.class}, handler);
    }

    private SQLException breakAfterCommit(Connection connection) {
        answerLost.set(true);
        try {
            connection.close();
        } catch (SQLException e) {
            // It is being broken on purpose.
        }
        return new SQLException("injected: connection reset after the commit, before the answer", "08006");
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}

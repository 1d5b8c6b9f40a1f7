package io.postback.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postback.jdbc.testing.FaultInjection;
import io.postback.jdbc.testing.TestDatabases;
import io.postback.spi.Deadline;
import io.postback.spi.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.PreparedStatement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The runner's transaction handling: commit, rollback, restored auto-commit, retried class-40 failures, wrapped errors. */
class JdbcRunnerTest {

    private final DataSource db = TestDatabases.h2();
    private final JdbcRunner runner = new JdbcRunner(db);

    @Test
    void aTransactionCommitsAndRestoresAutoCommit() throws Exception {
        runner.inTransaction("writing", Deadline.none(), session -> insert(session, "committed"));

        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_seen_signature WHERE digest = 'committed'")).isEqualTo(1);
        try (Connection c = db.getConnection()) {
            assertThat(c.getAutoCommit()).isTrue();
        }
    }

    @Test
    void rollbackOnlyWritesNothing() {
        runner.inTransaction("writing", Deadline.none(), session -> {
            insert(session, "rolled-back");
            session.rollbackOnly();
            return null;
        });

        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_seen_signature WHERE digest = 'rolled-back'")).isZero();
    }

    @Test
    void aFailureRollsBackAndIsAStoreExceptionNamingTheOperation() {
        assertThatThrownBy(() -> runner.inTransaction("writing a test row", Deadline.none(), session -> {
            insert(session, "half");
            throw new SQLException("boom", "08006");
        })).isInstanceOf(StoreException.class).hasMessage("writing a test row failed on pb_seen_signature (SQLState 08006)")
                .hasCauseInstanceOf(SQLException.class);

        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_seen_signature WHERE digest = 'half'")).isZero();
    }

    @Test
    void aFailedRollbackIsAttachedToTheOriginalError() {
        FaultInjection faults = new FaultInjection(db);
        JdbcRunner broken = new JdbcRunner(faults.dataSource());
        faults.arm("pb_seen_signature", Connection::close);

        assertThatThrownBy(() -> broken.inTransaction("writing", Deadline.none(), session -> insert(session, "closed")))
                .isInstanceOf(StoreException.class)
                .satisfies(e -> assertThat(e.getCause().getSuppressed()).isNotEmpty());
    }

    /** A commit went through and then the connection broke: the unit committed, so it is no failure. */
    @Test
    void aCommitIsACommitEvenWhenTheConnectionBreaksRightAfterIt() {
        FaultInjection faults = new FaultInjection(db);
        JdbcRunner breaking = new JdbcRunner(faults.dataSource());
        faults.breakAfterNextCommit();

        String result = breaking.inTransaction("writing", Deadline.none(), session -> {
            insert(session, "committed-then-broken");
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_seen_signature WHERE digest = 'committed-then-broken'"))
                .isEqualTo(1);
    }

    /** A commit that fails for any reason but one proving it did not happen may have committed: "not known". */
    @Test
    void anInterruptedCommitIsAnUnknownOutcomeNotAFailure() {
        FaultInjection faults = new FaultInjection(db);
        JdbcRunner runner = new JdbcRunner(faults.dataSource());
        faults.failNextCommitAfterIt("70100");

        assertThatThrownBy(() -> runner.inTransaction("writing", Deadline.none(), session -> insert(session, "interrupted-commit")))
                .isInstanceOf(io.postback.spi.WriteOutcomeUnknownException.class);
        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_seen_signature WHERE digest = 'interrupted-commit'"))
                .as("it did commit").isEqualTo(1);
    }

    @Test
    void aConnectionThatFailsToCloseAfterTheCommitFailsNothing() {
        FaultInjection faults = new FaultInjection(db);
        JdbcRunner runner = new JdbcRunner(faults.dataSource());
        faults.failNextClose();

        String result = runner.inTransaction("writing", Deadline.none(), session -> {
            insert(session, "committed-close-failed");
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_seen_signature WHERE digest = 'committed-close-failed'"))
                .isEqualTo(1);
    }

    /**
     * After a rollback that failed, auto-commit is not switched back on: that would commit the open
     * transaction (JDBC's setAutoCommit commits one). The pool rolls it back when it takes the connection.
     */
    @Test
    void aFailedRollbackNeverLeadsToACommit() {
        FaultInjection faults = new FaultInjection(db);
        JdbcRunner runner = new JdbcRunner(faults.dataSource());
        faults.failNextRollback();

        assertThatThrownBy(() -> runner.inTransaction("writing", Deadline.none(), session -> {
            insert(session, "half-then-failed-rollback");
            throw new SQLException("boom", "22001");
        })).isInstanceOf(StoreException.class);

        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_seen_signature WHERE digest = 'half-then-failed-rollback'"))
                .isZero();
    }

    @Test
    void aDeadlockVictimIsRunAgain() {
        AtomicInteger attempts = new AtomicInteger();

        String result = runner.inTransaction("writing", Deadline.none(), session -> {
            if (attempts.incrementAndGet() == 1) {
                insert(session, "first-attempt");
                throw new SQLException("deadlock", "40001");
            }
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(2);
        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_seen_signature WHERE digest = 'first-attempt'")).isZero();
    }

    @Test
    void aDeadlockThatPersistsFailsAfterAFewAttempts() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> runner.inTransaction("writing", Deadline.none(), session -> {
            attempts.incrementAndGet();
            throw new SQLException("deadlock", "40P01");
        })).isInstanceOf(StoreException.class).hasMessageContaining("40P01");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void noUnitOfWorkStartsOnceTheDeadlineHasPassed() {
        AtomicInteger runs = new AtomicInteger();

        assertThatThrownBy(() -> runner.autoCommit("reading", Deadline.in(java.time.Duration.ZERO), session -> runs.incrementAndGet()))
                .isInstanceOf(StoreException.class).hasMessage("reading failed (SQLState HYT00, the postback's deadline passed)");
        assertThat(runs).hasValue(0);
    }

    @Test
    void statementsGetTheTimeLeftAsTheirQueryTimeoutRoundedUp() {
        int timeout = runner.autoCommit("reading", Deadline.in(java.time.Duration.ofMillis(2_300)), session -> {
            try (PreparedStatement statement = session.prepare("SELECT 1")) {
                return statement.getQueryTimeout();
            }
        });
        int none = runner.autoCommit("reading", Deadline.none(), session -> {
            try (PreparedStatement statement = session.prepare("SELECT 1")) {
                return statement.getQueryTimeout();
            }
        });

        assertThat(timeout).isEqualTo(3);
        assertThat(none).as("no deadline: the driver's default, none").isZero();
    }

    /**
     * H2 keeps the timeout for the whole session and runs {@code SET QUERY_TIMEOUT} for every set,
     * which empties its cache of parsed statements: a timeout it has already is not set again.
     */
    @Test
    void aQueryTimeoutTheSessionHasAlreadyIsNotSetAgain() {
        AtomicInteger sets = new AtomicInteger();
        JdbcRunner counting = new JdbcRunner(countingTimeoutSets(db, sets));
        Deadline deadline = Deadline.in(java.time.Duration.ofSeconds(30));

        int timeout = counting.autoCommit("reading", deadline, session -> {
            for (int i = 0; i < 2; i++) {
                try (PreparedStatement statement = session.prepare("SELECT 1")) {
                    statement.executeQuery().close();
                }
            }
            try (PreparedStatement statement = session.prepare("SELECT 1")) {
                return statement.getQueryTimeout();
            }
        });

        assertThat(timeout).isEqualTo(30);
        assertThat(sets).as("set by the first statement only").hasValue(1);
    }

    /** The data source, whose statements count their calls of setQueryTimeout. */
    private static DataSource countingTimeoutSets(DataSource dataSource, AtomicInteger sets) {
        return (DataSource) java.lang.reflect.Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(dataSource, method, args);
                    return result instanceof Connection connection ? proxy(Connection.class, connection, sets) : result;
                });
    }

    private static <T> T proxy(Class<T> type, T target, AtomicInteger sets) {
        return type.cast(java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("setQueryTimeout")) {
                sets.incrementAndGet();
            }
            Object result = invoke(target, method, args);
            return result instanceof PreparedStatement statement ? proxy(PreparedStatement.class, statement, sets) : result;
        }));
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Void insert(Session session, String digest) throws SQLException {
        session.update("INSERT INTO pb_seen_signature (digest, expires_at) VALUES (?, CURRENT_TIMESTAMP)", b -> b.string(digest));
        return null;
    }
}

package io.postback.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postback.jdbc.testing.FaultInjection;
import io.postback.jdbc.testing.TestDatabases;
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
        runner.inTransaction("writing", (c, tx) -> insert(c, "committed"));

        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_seen_signature WHERE digest = 'committed'")).isEqualTo(1);
        try (Connection c = db.getConnection()) {
            assertThat(c.getAutoCommit()).isTrue();
        }
    }

    @Test
    void rollbackOnlyWritesNothing() {
        runner.inTransaction("writing", (c, tx) -> {
            insert(c, "rolled-back");
            tx.rollbackOnly();
            return null;
        });

        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_seen_signature WHERE digest = 'rolled-back'")).isZero();
    }

    @Test
    void aFailureRollsBackAndIsAStoreExceptionNamingTheOperation() {
        assertThatThrownBy(() -> runner.inTransaction("writing a test row", (c, tx) -> {
            insert(c, "half");
            throw new SQLException("boom", "08006");
        })).isInstanceOf(StoreException.class).hasMessage("writing a test row failed (SQLState 08006)")
                .hasCauseInstanceOf(SQLException.class);

        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_seen_signature WHERE digest = 'half'")).isZero();
    }

    @Test
    void aFailedRollbackIsAttachedToTheOriginalError() {
        FaultInjection faults = new FaultInjection(db);
        JdbcRunner broken = new JdbcRunner(faults.dataSource());
        faults.arm("pb_seen_signature", Connection::close);

        assertThatThrownBy(() -> broken.inTransaction("writing", (c, tx) -> insert(c, "closed")))
                .isInstanceOf(StoreException.class)
                .satisfies(e -> assertThat(e.getCause().getSuppressed()).isNotEmpty());
    }

    @Test
    void aDeadlockVictimIsRunAgain() {
        AtomicInteger attempts = new AtomicInteger();

        String result = runner.inTransaction("writing", (c, tx) -> {
            if (attempts.incrementAndGet() == 1) {
                insert(c, "first-attempt");
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

        assertThatThrownBy(() -> runner.inTransaction("writing", (c, tx) -> {
            attempts.incrementAndGet();
            throw new SQLException("deadlock", "40P01");
        })).isInstanceOf(StoreException.class).hasMessageContaining("40P01");
        assertThat(attempts).hasValue(3);
    }

    private static Void insert(Connection c, String digest) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO pb_seen_signature (digest, expires_at) VALUES (?, CURRENT_TIMESTAMP)")) {
            s.setString(1, digest);
            s.executeUpdate();
        }
        return null;
    }
}

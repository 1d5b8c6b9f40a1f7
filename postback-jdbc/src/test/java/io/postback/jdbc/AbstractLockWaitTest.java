package io.postback.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.postback.PostbackResult;
import io.postback.jdbc.testing.Invariants;
import io.postback.jdbc.testing.Node;
import io.postback.jdbc.testing.TestDatabases;
import io.postback.model.ErrorCode;
import io.postback.model.Lead;
import io.postback.model.Outcome;
import io.postback.model.Status;
import io.postback.testing.TestCatalog;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 items 4 and 10: a postback that waits on a lock another session holds. Bounded by the
 * database's own statement timeout (set on the pool by the host), or by the postback's deadline
 * alone, it is answered {@code store} (not applied), nothing of it stays, and it succeeds when sent again.
 */
abstract class AbstractLockWaitTest {

    private static final Duration DEADLINE = Duration.ofSeconds(1);

    protected HikariDataSource db;

    protected abstract HikariDataSource database();

    /** The SQL a host would put in the pool's init SQL to bound every statement at one second. */
    protected abstract String statementTimeoutOfOneSecond();

    @BeforeEach
    void start() {
        db = database();
        JdbcOfferCatalog.importCatalog(db, TestCatalog.create());
    }

    @AfterEach
    void stop() {
        db.close();
    }

    @Test
    void aPostbackOverTheDatabasesStatementTimeoutAnswersStoreAndSucceedsWhenSentAgain() throws Exception {
        HikariDataSource bounded = TestDatabases.pool(db.getJdbcUrl(), db.getUsername(), 2, statementTimeoutOfOneSecond());
        try (Node node = new Node(db.getJdbcUrl(), db.getUsername(), 2); Node timed = new Node(bounded)) {
            assertWaitingPostbackAnswersStoreAndLeavesNothing(node, timed, "k1");
        }
    }

    @Test
    void aPostbackWaitingOnALockIsCutByItsDeadline() throws Exception {
        HikariDataSource plain = TestDatabases.pool(db.getJdbcUrl(), db.getUsername(), 2);
        try (Node node = new Node(db.getJdbcUrl(), db.getUsername(), 2); Node timed = new Node(plain, DEADLINE)) {
            long began = System.nanoTime();
            assertWaitingPostbackAnswersStoreAndLeavesNothing(node, timed, "k2");
            assertThat(Duration.ofNanos(System.nanoTime() - began)).as("the deadline, plus a second of rounding and the retry")
                    .isLessThan(DEADLINE.plusSeconds(3));
        }
    }

    private void assertWaitingPostbackAnswersStoreAndLeavesNothing(Node node, Node timed, String key) throws Exception {
        Lead lead = node.create("click=" + key + "&exto=e").lead().orElseThrow();
        try (Connection blocker = TestDatabases.lockLead(db, lead.id())) {
            PostbackResult result = timed.status("click=" + key + "&exto=e&status=approved&goal=dep");
            assertThat(result).isInstanceOfSatisfying(PostbackResult.Rejected.class, r -> {
                assertThat(r.code()).isEqualTo(ErrorCode.STORE);
                assertThat(r.message()).isEqualTo(PostbackResult.Rejected.STORE_NOT_APPLIED);
            });
            blocker.rollback();
        }
        assertThat(node.store().lead(lead.id())).contains(lead);
        assertThat(node.store().ledger(lead.id())).isEmpty();

        assertThat(timed.status("click=" + key + "&exto=e&status=approved&goal=dep").outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(node.store().lead(lead.id()).orElseThrow().status()).isEqualTo(Status.APPROVE);
        Invariants.assertNothingHalfWritten(db, node.store());
    }
}

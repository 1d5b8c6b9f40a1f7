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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Faults under a postback on a real PostgreSQL (issue item 5): its backend terminated from
 * another session while it waits inside its statement, and a statement timeout. A blocker session
 * holds the row (or the key) the postback needs, so the fault strikes while the postback is in
 * the middle of its write, every time.
 */
class PostgresFaultTest {

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private HikariDataSource db;

    @BeforeEach
    void start() {
        db = TestDatabases.postgres();
        JdbcOfferCatalog.importCatalog(db, TestCatalog.create());
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
        db.close();
    }

    @Test
    void anUpdateWhoseBackendIsTerminatedAnswersStoreAndSucceedsWhenSentAgain() throws Exception {
        try (Node node = new Node(db.getJdbcUrl(), "postgres", 4)) {
            Lead lead = node.create("click=k1&exto=e1").lead().orElseThrow();
            try (Connection blocker = TestDatabases.lockLead(db, lead.id())) {
                Future<PostbackResult> postback = executor.submit(() -> node.status("click=k1&exto=e1&status=approved"));
                terminate(awaitBlockedBackend());
                assertStore(postback.get(30, TimeUnit.SECONDS));
                blocker.rollback();
            }
            Lead after = node.store().lead(lead.id()).orElseThrow();
            assertThat(after).isEqualTo(lead);
            assertThat(node.store().ledger(lead.id())).isEmpty();

            assertThat(node.status("click=k1&exto=e1&status=approved").outcome()).isEqualTo(Outcome.UPDATED);
            assertThat(node.store().lead(lead.id()).orElseThrow().status()).isEqualTo(Status.APPROVE);
            Invariants.assertNothingHalfWritten(db, node.store());
        }
    }

    @Test
    void aCreateWhoseBackendIsTerminatedAnswersStoreAndSucceedsWhenSentAgain() throws Exception {
        try (Node node = new Node(db.getJdbcUrl(), "postgres", 4)) {
            try (Connection blocker = holdKey("x:k2\u001Fe2")) {
                Future<PostbackResult> postback = executor.submit(() -> node.create("click=k2&exto=e2&status=approved"));
                terminate(awaitBlockedBackend());
                assertStore(postback.get(30, TimeUnit.SECONDS));
                blocker.rollback();
            }
            assertThat(node.store().latestLeads(10)).isEmpty();
            assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_ledger")).isZero();

            assertThat(node.create("click=k2&exto=e2&status=approved").outcome()).isEqualTo(Outcome.CREATED);
            assertThat(node.create("click=k2&exto=e2&status=approved").outcome()).isEqualTo(Outcome.DUPLICATE);
            Invariants.assertNothingHalfWritten(db, node.store());
        }
    }

    /**
     * The create's insert waits for the uncommitted holder of its key and is refused when the
     * holder commits; the duplicate is then journaled once, for the holder.
     */
    @Test
    void aCreateThatWaitedForTheHolderOfItsKeyAnswersDuplicateAndJournalsItOnce() throws Exception {
        try (Node node = new Node(db.getJdbcUrl(), "postgres", 4)) {
            Future<PostbackResult> postback;
            try (Connection blocker = holdKey("x:k4\u001Fe4")) {
                postback = executor.submit(() -> node.create("click=k4&exto=e4&status=approved"));
                awaitBlockedBackend();
                blocker.commit();
            }
            PostbackResult result = postback.get(30, TimeUnit.SECONDS);

            Lead holder = node.store().latestLeads(10).get(0);
            assertThat(result.outcome()).isEqualTo(Outcome.DUPLICATE);
            assertThat(result.lead()).contains(holder);
            assertThat(node.store().latestJournal(10)).singleElement().satisfies(entry -> {
                assertThat(entry.outcome()).isEqualTo(Outcome.DUPLICATE);
                assertThat(entry.leadId()).hasValue(holder.id());
            });
            assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_ledger")).isZero();
        }
    }

    /** An uncommitted lead with the key: a create of the same key waits for this transaction. */
    private Connection holdKey(String dedupeKey) throws SQLException {
        Connection blocker = db.getConnection();
        blocker.setAutoCommit(false);
        try (PreparedStatement s = blocker.prepareStatement("INSERT INTO pb_lead (version, offer_id, dedupe_key, created_at, "
                + "status, goal, payout, payout_currency, payout_source, commission, commission_currency, commission_source, "
                + "updated_at) VALUES (1, 1, ?, now(), 'new', 'reg', 0, 'EUR', 'GOAL', 0, 'EUR', 'GOAL', now())")) {
            s.setString(1, dedupeKey);
            s.executeUpdate();
        }
        return blocker;
    }

    /** The backend of the postback, once it waits for the blocker's lock. */
    private int awaitBlockedBackend() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Connection c = db.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                         + "AND query LIKE '%pb_lead%' AND pid <> pg_backend_pid() AND datname = current_database()")) {
                if (rs.next()) {
                    return rs.getInt(1);
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the postback never waited for the lock");
    }

    private void terminate(int pid) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_terminate_backend(" + pid + ")")) {
            rs.next();
            assertThat(rs.getBoolean(1)).isTrue();
        }
    }

    static void assertStore(PostbackResult result) {
        assertThat(result).isInstanceOf(PostbackResult.Rejected.class);
        assertThat(((PostbackResult.Rejected) result).code()).isEqualTo(ErrorCode.STORE);
    }
}

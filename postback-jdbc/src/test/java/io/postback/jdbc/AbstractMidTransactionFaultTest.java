package io.postback.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.postback.PostbackResult;
import io.postback.jdbc.testing.FaultInjection;
import io.postback.jdbc.testing.Invariants;
import io.postback.jdbc.testing.Node;
import io.postback.jdbc.testing.TestDatabases;
import io.postback.model.ErrorCode;
import io.postback.model.Lead;
import io.postback.model.Outcome;
import io.postback.model.Status;
import io.postback.testing.TestCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A postback whose transaction breaks after its first statements (the lead row and the journal
 * row are written, the ledger or outbox insert is not): it is answered {@code store}, nothing of
 * it stays, and sending it again succeeds. For the dialects that write a postback as a transaction
 * of several statements; PostgreSQL writes it as one statement.
 */
abstract class AbstractMidTransactionFaultTest {

    private HikariDataSource db;
    private FaultInjection faults;
    private Node node;

    protected abstract HikariDataSource database();

    /** Breaks the connection (for real, where the database allows it) so that its next statement fails. */
    protected abstract FaultInjection.Fault breakConnection();

    @BeforeEach
    void start() {
        db = database();
        JdbcOfferCatalog.importCatalog(db, TestCatalog.create());
        HikariDataSource pool = TestDatabases.pool(db.getJdbcUrl(), db.getUsername(), 4);
        faults = new FaultInjection(pool);
        node = new Node(pool, faults.dataSource());
    }

    @AfterEach
    void stop() {
        node.close();
        db.close();
    }

    @Test
    void aCreateBrokenBeforeItsEventsLeavesNothing() {
        faults.arm("INSERT INTO pb_outbox", breakConnection());

        PostbackResult broken = node.create("click=k1&exto=e1&status=approved");

        assertThat(faults.struck()).isTrue();
        assertStore(broken);
        assertThat(node.store().latestLeads(10)).isEmpty();
        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_ledger")).isZero();
        assertThat(node.create("click=k1&exto=e1&status=approved").outcome()).isEqualTo(Outcome.CREATED);
        Invariants.assertNothingHalfWritten(db, node.store());
    }

    @Test
    void anUpdateBrokenBeforeItsLedgerLeavesTheLeadAsItWas() {
        Lead created = node.create("click=k2&exto=e2").lead().orElseThrow();
        faults.arm("INSERT INTO pb_ledger", breakConnection());

        PostbackResult broken = node.status("click=k2&exto=e2&status=approved");

        assertThat(faults.struck()).isTrue();
        assertStore(broken);
        Lead after = node.store().lead(created.id()).orElseThrow();
        assertThat(after.version()).isEqualTo(1);
        assertThat(after.status()).isEqualTo(Status.NEW);
        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_journal WHERE outcome = 'updated'")).isZero();
        assertThat(node.status("click=k2&exto=e2&status=approved").outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(node.store().lead(created.id()).orElseThrow().status()).isEqualTo(Status.APPROVE);
        Invariants.assertNothingHalfWritten(db, node.store());
    }

    private static void assertStore(PostbackResult result) {
        assertThat(result).isInstanceOf(io.postback.PostbackResult.Rejected.class);
        assertThat(((io.postback.PostbackResult.Rejected) result).code()).isEqualTo(ErrorCode.STORE);
    }
}

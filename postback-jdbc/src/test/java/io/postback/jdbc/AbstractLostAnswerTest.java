package io.postback.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.postback.PostbackResult;
import io.postback.jdbc.testing.FaultInjection;
import io.postback.jdbc.testing.Invariants;
import io.postback.jdbc.testing.Node;
import io.postback.jdbc.testing.TestDatabases;
import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.model.Outcome;
import io.postback.model.Status;
import io.postback.testing.TestCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 2: the database commits a postback's write and the connection breaks before the
 * answer reaches the processor. The postback must be answered with what committed, never
 * {@code store}, and the journal must hold its one entry (never a success and a 'store' together).
 */
abstract class AbstractLostAnswerTest {

    private HikariDataSource db;
    private FaultInjection faults;
    private Node node;

    protected abstract HikariDataSource database();

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
    void aCreateWhoseAnswerIsLostAfterTheCommitIsAnsweredCreated() {
        faults.loseAnswerOf("pb_lead");

        PostbackResult result = node.create("click=lost-1&status=approved");

        assertThat(faults.answerLost()).isTrue();
        assertThat(result.outcome()).as(result.toJson()).isEqualTo(Outcome.CREATED);
        Lead stored = node.store().latestLeads(10).get(0);
        assertThat(result.lead().orElseThrow().id()).isEqualTo(stored.id());
        assertThat(node.store().latestJournal(10)).singleElement().satisfies(entry -> {
            assertThat(entry.outcome()).isEqualTo(Outcome.CREATED);
            assertThat(entry.leadId()).hasValue(stored.id());
        });
        Invariants.assertNothingHalfWritten(db, node.store());
    }

    @Test
    void anApprovalWhoseAnswerIsLostAfterTheCommitIsAnsweredUpdated() {
        Lead lead = node.create("click=lost-2&exto=e2").lead().orElseThrow();
        faults.loseAnswerOf("UPDATE pb_lead");

        PostbackResult result = node.status("click=lost-2&exto=e2&status=approved");

        assertThat(faults.answerLost()).isTrue();
        assertThat(result.outcome()).as(result.toJson()).isEqualTo(Outcome.UPDATED);
        assertThat(result.lead().orElseThrow().status()).isEqualTo(Status.APPROVE);
        assertThat(node.store().lead(lead.id()).orElseThrow().status()).isEqualTo(Status.APPROVE);
        assertThat(node.store().ledger(lead.id())).hasSize(2);
        assertThat(node.store().latestJournal(10)).extracting(JournalEntry::outcome)
                .containsExactly(Outcome.UPDATED, Outcome.CREATED);
        Invariants.assertNothingHalfWritten(db, node.store());
    }

    @Test
    void anUnchangedAnswerWhoseJournalRowCommittedIsAnsweredUnchanged() {
        node.create("click=lost-3&exto=e3&status=pending");
        faults.loseAnswerOf("INSERT INTO pb_journal");

        PostbackResult result = node.status("click=lost-3&exto=e3&status=pending");

        assertThat(faults.answerLost()).isTrue();
        assertThat(result.outcome()).as(result.toJson()).isEqualTo(Outcome.UNCHANGED);
        assertThat(node.store().latestJournal(10)).extracting(JournalEntry::outcome)
                .containsExactly(Outcome.UNCHANGED, Outcome.CREATED);
    }
}

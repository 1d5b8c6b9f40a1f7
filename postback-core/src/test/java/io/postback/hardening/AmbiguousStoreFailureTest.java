package io.postback.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.PostbackResult;
import io.postback.memory.InMemoryLeadStore;
import io.postback.model.ErrorCode;
import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.model.Outcome;
import io.postback.model.Status;
import io.postback.spi.Effects;
import io.postback.spi.Insertion;
import io.postback.spi.StoreException;
import io.postback.testing.EngineFixture;
import io.postback.testing.ForwardingLeadStore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 2: a write whose connection broke after the database committed it must not be
 * answered {@code store}. The store here commits the write, then throws as a broken connection
 * would; the processor learns from the journal, by the postback's id, what committed.
 */
class AmbiguousStoreFailureTest {

    private final InMemoryLeadStore store = new InMemoryLeadStore();
    private final AtomicBoolean loseNextAnswer = new AtomicBoolean();
    private final AtomicBoolean failBeforeWriting = new AtomicBoolean();
    private final EngineFixture engine = EngineFixture.fronted(store, new ForwardingLeadStore(store) {
        @Override
        public Insertion insert(Lead lead, Effects effects) {
            failIfAsked();
            Insertion insertion = super.insert(lead, effects);
            loseAnswerIfAsked();
            return insertion;
        }

        @Override
        public io.postback.spi.Update update(Lead lead, Effects effects) {
            failIfAsked();
            io.postback.spi.Update updated = super.update(lead, effects);
            loseAnswerIfAsked();
            return updated;
        }

        @Override
        public JournalEntry journal(JournalEntry entry) {
            JournalEntry stored = super.journal(entry);
            if (entry.outcome() != Outcome.REJECTED) {
                loseAnswerIfAsked();
            }
            return stored;
        }
    }, b -> { });

    private void failIfAsked() {
        if (failBeforeWriting.getAndSet(false)) {
            throw new StoreException("connection refused");
        }
    }

    private void loseAnswerIfAsked() {
        if (loseNextAnswer.getAndSet(false)) {
            throw new StoreException("I/O error: connection reset after the commit");
        }
    }

    @Test
    void aCreateThatCommittedBeforeItsConnectionBrokeIsAnsweredCreated() {
        loseNextAnswer.set(true);

        PostbackResult result = engine.create("token=12-abc&click=k1");

        assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
        Lead lead = engine.leads().get(0);
        assertThat(result.lead()).contains(lead);
        assertThat(engine.journal()).as("one entry for the postback, the success").singleElement()
                .satisfies(entry -> assertThat(entry.outcome()).isEqualTo(Outcome.CREATED));
        assertThat(engine.create("token=12-abc&click=k1").outcome()).as("a click alone makes a new lead: the sender must not resend")
                .isEqualTo(Outcome.CREATED);
    }

    @Test
    void anUpdateThatCommittedBeforeItsConnectionBrokeIsAnsweredUpdated() {
        Lead lead = engine.leadOf(engine.create("token=12-abc&click=k2&exto=e2"));
        loseNextAnswer.set(true);

        PostbackResult result = engine.status("token=12-abc&click=k2&exto=e2&status=approved");

        assertThat(result.outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(result.lead().orElseThrow().status()).isEqualTo(Status.APPROVE);
        assertThat(result.lead()).contains(engine.lead(lead.id()));
        assertThat(engine.journal()).extracting(JournalEntry::outcome).containsExactly(Outcome.CREATED, Outcome.UPDATED);
    }

    @Test
    void anUnchangedAnswerWhoseJournalCommittedIsAnsweredUnchanged() {
        engine.create("token=12-abc&click=k3&exto=e3");
        engine.status("token=12-abc&click=k3&exto=e3&status=pending");
        loseNextAnswer.set(true);

        PostbackResult result = engine.status("token=12-abc&click=k3&exto=e3&status=pending");

        assertThat(result.outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(engine.journal()).extracting(JournalEntry::outcome)
                .containsExactly(Outcome.CREATED, Outcome.UPDATED, Outcome.UNCHANGED);
    }

    @Test
    void aWriteThatDidNotCommitIsAnsweredStoreWithOneJournalEntry() {
        failBeforeWriting.set(true);

        PostbackResult result = engine.create("token=12-abc&click=k4&exto=e4&status=approved");

        assertThat(result).isInstanceOfSatisfying(PostbackResult.Rejected.class,
                r -> assertThat(r.code()).isEqualTo(ErrorCode.STORE));
        assertThat(engine.leads()).isEmpty();
        assertThat(engine.journal()).singleElement().satisfies(entry -> {
            assertThat(entry.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(entry.error()).contains(ErrorCode.STORE);
        });
        assertThat(engine.create("token=12-abc&click=k4&exto=e4&status=approved").outcome()).isEqualTo(Outcome.CREATED);
    }
}

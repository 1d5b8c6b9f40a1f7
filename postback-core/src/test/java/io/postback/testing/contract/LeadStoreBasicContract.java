package io.postback.testing.contract;

import static io.postback.testing.contract.Fixtures.AT;
import static io.postback.testing.contract.Fixtures.approved;
import static io.postback.testing.contract.Fixtures.approvedState;
import static io.postback.testing.contract.Fixtures.created;
import static io.postback.testing.contract.Fixtures.journal;
import static io.postback.testing.contract.Fixtures.key;
import static io.postback.testing.contract.Fixtures.lead;
import static io.postback.testing.contract.Fixtures.replay;
import static io.postback.testing.contract.Fixtures.updated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postback.model.Booking;
import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.model.LeadState;
import io.postback.model.LedgerEntry;
import io.postback.model.Outcome;
import io.postback.spi.Effects;
import io.postback.spi.EventOutbox;
import io.postback.spi.Insertion;
import io.postback.spi.LeadHistory;
import io.postback.spi.LeadLookup;
import io.postback.spi.LeadStore;
import io.postback.spi.StoreException;
import io.postback.spi.StoredEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The first half of the store contract: lookups, insert-if-absent, compare-and-set, effects,
 * history, signatures and the outbox. Stores run it through {@link AbstractLeadStoreContractTest}.
 */
public abstract class LeadStoreBasicContract {

    protected StoreUnderTest under;
    protected LeadStore store;
    protected LeadHistory history;
    protected EventOutbox outbox;

    /** An empty store: no leads, journal, ledger, events or signatures. Called before every test. */
    protected abstract StoreUnderTest emptyStore();

    @BeforeEach
    void setUpStore() {
        under = emptyStore();
        store = under.store();
        history = under.history();
        outbox = under.outbox();
    }

    protected Lead insertNew(Lead lead) {
        Insertion insertion = store.insert(lead, created(lead));
        assertThat(insertion).isInstanceOf(Insertion.Inserted.class);
        return Fixtures.leadOf(insertion);
    }

    @Test
    void insertAssignsIdAndFirstVersionAndFindsByEveryLookup() {
        Lead inserted = insertNew(lead(1, "c1", "o1", true));

        assertThat(inserted.id()).isPositive();
        assertThat(inserted.version()).isEqualTo(1);
        assertThat(inserted).isEqualTo(lead(1, "c1", "o1", true).stored(inserted.id()));
        assertThat(store.find(new LeadLookup.ByKey(1, key("c1", "o1")))).contains(inserted);
        assertThat(store.find(new LeadLookup.NewestOfClick(1, "c1"))).contains(inserted);
        assertThat(store.find(new LeadLookup.ById(1, inserted.id()))).contains(inserted);
        assertThat(history.lead(inserted.id())).contains(inserted);
    }

    @Test
    void lookupsOfMissingLeadsAreEmpty() {
        Lead inserted = insertNew(lead(1, "c1", "o1", true));

        assertThat(store.find(new LeadLookup.ByKey(1, key("c1", "o2")))).isEmpty();
        assertThat(store.find(new LeadLookup.NewestOfClick(1, "c2"))).isEmpty();
        assertThat(store.find(new LeadLookup.ById(1, inserted.id() + 1000))).isEmpty();
        assertThat(history.lead(inserted.id() + 1000)).isEmpty();
    }

    @Test
    void instantsComeBackAsTheInsertReturnedThem() {
        Lead withNanos = new Lead(0, 0, 1, OptionalLong.empty(), Optional.of("n1"), Optional.of("o1"), OptionalLong.empty(),
                OptionalLong.empty(), Optional.of(key("n1", "o1")), Fixtures.AT_NANOS,
                new LeadState(io.postback.model.Status.NEW, "reg", io.postback.model.Money.of("10", "EUR"),
                        io.postback.model.AmountSource.GOAL, io.postback.model.Money.of("4", "EUR"),
                        io.postback.model.AmountSource.GOAL, Optional.empty(), Optional.of(Fixtures.AT_NANOS), Optional.empty(),
                        Fixtures.AT_NANOS, java.util.Map.of()));

        Lead inserted = insertNew(withNanos);

        assertThat(store.find(new LeadLookup.ById(1, inserted.id()))).contains(inserted);
        assertThat(java.time.Duration.between(inserted.createdAt(), Fixtures.AT_NANOS)).isBetween(
                java.time.Duration.ZERO, java.time.Duration.ofNanos(999));
    }

    @Test
    void aTakenKeyAnswersTheExistingLeadAndWritesNothing() {
        Lead first = insertNew(lead(1, "c1", "o1", true));
        int journal = history.latestJournal(100).size();
        int events = outbox.pending(100).size();
        Lead rival = lead(1, "c1", "o1", true).withState(approvedState(first.state()));

        Insertion second = store.insert(rival, approved(rival, rival.state()));

        assertThat(second).isEqualTo(new Insertion.AlreadyExists(first));
        assertThat(history.latestJournal(100)).hasSize(journal);
        assertThat(outbox.pending(100)).hasSize(events);
        assertThat(history.ledger(first.id())).isEmpty();
        assertThat(history.latestLeads(100)).containsExactly(first);
    }

    @Test
    void insertOrJournalDuplicateInsertsAFreeKeyWithItsEffectsOnly() {
        Lead lead = lead(1, "c1", "o1", true);

        Insertion insertion = store.insertOrJournalDuplicate(lead, created(lead), journal(1, Outcome.DUPLICATE, 0));

        assertThat(insertion).isInstanceOf(Insertion.Inserted.class);
        assertThat(history.latestJournal(100)).singleElement().satisfies(entry -> {
            assertThat(entry.outcome()).isEqualTo(Outcome.CREATED);
            assertThat(entry.leadId()).hasValue(Fixtures.leadOf(insertion).id());
        });
        assertThat(history.latestLeads(100)).containsExactly(Fixtures.leadOf(insertion));
    }

    @Test
    void insertOrJournalDuplicateJournalsATakenKeyForItsHolderAndWritesNothingElse() {
        Lead first = insertNew(lead(1, "c1", "o1", true));
        int events = outbox.pending(100).size();
        Lead rival = lead(1, "c1", "o1", true).withState(approvedState(first.state()));
        JournalEntry duplicate = journal(1, Outcome.DUPLICATE, 0);

        Insertion second = store.insertOrJournalDuplicate(rival, approved(rival, rival.state()), duplicate);

        assertThat(second).isEqualTo(new Insertion.AlreadyExists(first));
        List<JournalEntry> journal = history.latestJournal(100);
        assertThat(journal).hasSize(2);
        assertThat(journal.get(0).withId(0)).isEqualTo(duplicate.withLeadId(first.id()));
        assertThat(journal.get(0).id()).isGreaterThan(journal.get(1).id());
        assertThat(outbox.pending(100)).hasSize(events);
        assertThat(history.ledger(first.id())).isEmpty();
        assertThat(history.latestLeads(100)).containsExactly(first);
    }

    @Test
    void leadsWithoutKeyAreAlwaysInserted() {
        Lead a = insertNew(lead(1, "c1", null, false));
        Lead b = insertNew(lead(1, "c1", null, false));

        assertThat(a.id()).isNotEqualTo(b.id());
        assertThat(history.latestLeads(10)).containsExactly(b, a);
    }

    @Test
    void leadsCreatedPagesThroughAnOffersLeadsOfAPeriodById() {
        Lead before = insertNew(createdAt(lead(1, "c0", "o0", true), AT.minusSeconds(1)));
        Lead first = insertNew(createdAt(lead(1, "c1", "o1", true), AT));
        insertNew(createdAt(lead(2, "c2", "o2", true), AT)); // another offer's
        Lead second = insertNew(createdAt(lead(1, "c3", "o3", true), AT.plusSeconds(59)));
        Lead third = insertNew(createdAt(lead(1, "c4", "o4", true), AT.plusSeconds(30)));
        insertNew(createdAt(lead(1, "c5", "o5", true), AT.plusSeconds(60))); // the end is excluded

        Instant to = AT.plusSeconds(60);
        assertThat(history.leadsCreated(1, AT, to, 0, 2)).containsExactly(first, second);
        assertThat(history.leadsCreated(1, AT, to, second.id(), 2)).containsExactly(third);
        assertThat(history.leadsCreated(1, AT, to, third.id(), 2)).isEmpty();
        assertThat(history.leadsCreated(1, AT.minusSeconds(1), AT, 0, 10)).containsExactly(before);
    }

    @Test
    void aReconciliationIsJournaledWithItsAction() {
        JournalEntry reconcile = journal(1, Outcome.UPDATED, 0);
        reconcile = new JournalEntry(0, reconcile.postbackId(), reconcile.receivedAt(), io.postback.model.Action.RECONCILE,
                reconcile.params(), reconcile.offerId(), reconcile.siteId(), reconcile.leadId(), reconcile.outcome(),
                reconcile.error(), reconcile.message(), reconcile.remoteAddress(), reconcile.replayOf());

        store.journal(reconcile);

        assertThat(history.latestJournal(1)).singleElement()
                .satisfies(entry -> assertThat(entry.action()).isEqualTo(io.postback.model.Action.RECONCILE));
    }

    private static Lead createdAt(Lead lead, Instant at) {
        return new Lead(lead.id(), lead.version(), lead.offerId(), lead.siteId(), lead.click(), lead.exto(), lead.flowId(),
                lead.webmasterId(), lead.dedupeKey(), at, lead.state());
    }

    @Test
    void theNewestLeadOfAClickHasTheHighestId() {
        insertNew(lead(1, "c1", "o1", true));
        insertNew(lead(1, "c1", null, false));
        Lead newest = insertNew(lead(1, "c1", "o2", true));
        insertNew(lead(1, "c2", null, false));
        insertNew(lead(2, "c1", null, false));

        assertThat(store.find(new LeadLookup.NewestOfClick(1, "c1"))).contains(newest);
    }

    @Test
    void offersNeverShareLeads() {
        Lead one = insertNew(lead(1, "c1", "o1", true));
        Lead two = insertNew(lead(2, "c1", "o1", true));

        assertThat(two.id()).isNotEqualTo(one.id());
        assertThat(store.find(new LeadLookup.ByKey(1, key("c1", "o1")))).contains(one);
        assertThat(store.find(new LeadLookup.ByKey(2, key("c1", "o1")))).contains(two);
        assertThat(store.find(new LeadLookup.NewestOfClick(1, "c1"))).contains(one);
        assertThat(store.find(new LeadLookup.NewestOfClick(3, "c1"))).isEmpty();
        assertThat(store.find(new LeadLookup.ById(2, one.id()))).isEmpty();
        assertThat(store.find(new LeadLookup.ById(1, two.id()))).isEmpty();
    }

    @Test
    void keysAndClicksCompareExactly() {
        Lead lower = insertNew(lead(1, "abc", "x", true));
        Lead upper = insertNew(lead(1, "ABC", "x", true));
        Lead spaced = insertNew(lead(1, "abc ", "x ", true));

        assertThat(List.of(lower.id(), upper.id(), spaced.id())).doesNotHaveDuplicates();
        assertThat(store.find(new LeadLookup.ByKey(1, key("abc", "x")))).contains(lower);
        assertThat(store.find(new LeadLookup.ByKey(1, key("abc ", "x ")))).contains(spaced);
        assertThat(store.find(new LeadLookup.NewestOfClick(1, "abc"))).contains(lower);
        assertThat(store.find(new LeadLookup.NewestOfClick(1, "ABC"))).contains(upper);
    }

    @Test
    void anInsertWritesItsEffectsWithTheNewIds() {
        Lead lead = lead(1, "c1", "o1", true);
        LeadState approvedAtOnce = approvedState(lead.state());
        Lead approvedLead = lead.withState(approvedAtOnce);
        Effects effects = approved(approvedLead, approvedAtOnce);

        Lead inserted = Fixtures.leadOf(store.insert(approvedLead, effects));

        JournalEntry entry = history.latestJournal(1).get(0);
        assertThat(entry).isEqualTo(effects.journal().withLeadId(inserted.id()).withId(entry.id()));
        assertThat(history.ledger(inserted.id())).extracting(LedgerEntry::leadId, LedgerEntry::journalId, LedgerEntry::party,
                        LedgerEntry::amount, LedgerEntry::reason, LedgerEntry::bookedAt)
                .containsExactly(effects.bookings().stream().map(b -> org.assertj.core.groups.Tuple.tuple(inserted.id(), entry.id(),
                        b.party(), b.amount(), b.reason(), AT)).toArray(org.assertj.core.groups.Tuple[]::new));
        assertThat(outbox.pending(10)).extracting(StoredEvent::event)
                .containsExactlyElementsOf(effects.events().stream().map(e -> e.withLeadId(inserted.id())).toList());
    }

    @Test
    void anUpdateWithTheCurrentVersionWinsAndWritesItsEffects() {
        Lead stored = insertNew(lead(1, "c1", "o1", true));
        Lead changed = stored.withState(approvedState(stored.state()));
        Effects effects = approved(changed, changed.state());

        assertThat(store.update(changed, effects).applied()).isTrue();

        Lead found = store.find(new LeadLookup.ById(1, stored.id())).orElseThrow();
        assertThat(found).isEqualTo(changed.nextVersion());
        assertThat(found.version()).isEqualTo(2);
        JournalEntry entry = history.latestJournal(1).get(0);
        assertThat(entry).isEqualTo(effects.journal().withId(entry.id()));
        List<LedgerEntry> ledger = history.ledger(stored.id());
        assertThat(ledger).extracting(LedgerEntry::journalId).containsOnly(entry.id());
        assertThat(ledger).extracting(LedgerEntry::amount)
                .containsExactly(effects.bookings().stream().map(Booking::amount).toArray(io.postback.model.Money[]::new));
        assertThat(outbox.pending(10)).extracting(StoredEvent::event).endsWith(effects.events().toArray(new io.postback.model.LeadEvent[0]));
    }

    @Test
    void anUpdateWithAStaleVersionLosesAndWritesNothing() {
        Lead stored = insertNew(lead(1, "c1", "o1", true));
        Lead first = stored.withState(Fixtures.withComment(stored.state(), "first"));
        assertThat(store.update(first, updated(first)).applied()).isTrue();
        int journal = history.latestJournal(100).size();
        int events = outbox.pending(100).size();
        Lead stale = stored.withState(approvedState(stored.state()));

        assertThat(store.update(stale, approved(stale, stale.state())).applied()).isFalse();

        assertThat(store.find(new LeadLookup.ById(1, stored.id()))).contains(first.nextVersion());
        assertThat(history.latestJournal(100)).hasSize(journal);
        assertThat(outbox.pending(100)).hasSize(events);
        assertThat(history.ledger(stored.id())).isEmpty();
    }

    @Test
    void anUpdateOfAMissingLeadLoses() {
        Lead ghost = lead(1, "c1", "o1", true).stored(987_654);

        assertThat(store.update(ghost, updated(ghost)).applied()).isFalse();
        assertThat(history.latestJournal(10)).isEmpty();
    }

    @Test
    void journalEntriesGetIncreasingIdsAndComeBackNewestFirst() {
        JournalEntry first = journal(1, Outcome.DUPLICATE, 5);
        JournalEntry a = store.journal(first);
        JournalEntry b = store.journal(journal(1, Outcome.REJECTED, 0));
        JournalEntry c = store.journal(journal(2, Outcome.UNCHANGED, 6));

        assertThat(a.id()).isPositive();
        assertThat(b.id()).isGreaterThan(a.id());
        assertThat(c.id()).isGreaterThan(b.id());
        assertThat(a).isEqualTo(first.withId(a.id()));
        assertThat(history.latestJournal(2)).containsExactly(c, b);
        assertThat(history.latestJournal(10)).containsExactly(c, b, a);
    }

    @Test
    void latestLeadsAreNewestFirstAndLimited() {
        Lead a = insertNew(lead(1, "c1", "o1", true));
        Lead b = insertNew(lead(1, "c2", "o2", true));
        Lead c = insertNew(lead(2, "c3", "o3", true));

        assertThat(history.latestLeads(2)).containsExactly(c, b);
        assertThat(history.latestLeads(10)).containsExactly(c, b, a);
    }

    @Test
    void rejectedEntriesAfterAnIdComeOldestFirst() {
        JournalEntry r1 = store.journal(journal(1, Outcome.REJECTED, 0));
        store.journal(journal(1, Outcome.DUPLICATE, 3));
        JournalEntry r2 = store.journal(journal(1, Outcome.REJECTED, 0));
        JournalEntry r3 = store.journal(journal(2, Outcome.REJECTED, 0));

        assertThat(history.rejectedAfter(0, 10)).containsExactly(r1, r2, r3);
        assertThat(history.rejectedAfter(r1.id(), 10)).containsExactly(r2, r3);
        assertThat(history.rejectedAfter(0, 2)).containsExactly(r1, r2);
        assertThat(history.rejectedAfter(r3.id(), 10)).isEmpty();
    }

    @Test
    void aReplayCountsOnlyWhenItWasNotRejected() {
        JournalEntry original = store.journal(journal(1, Outcome.REJECTED, 0));
        JournalEntry other = store.journal(journal(1, Outcome.REJECTED, 0));

        store.journal(replay(journal(1, Outcome.REJECTED, 0), original.id()));
        assertThat(history.replayed(original.id())).isFalse();

        Lead lead = lead(1, "c1", "o1", true);
        Effects effects = created(lead);
        store.insert(lead, new Effects(replay(effects.journal(), original.id()), effects.bookings(), effects.events()));
        assertThat(history.replayed(original.id())).isTrue();
        assertThat(history.replayed(other.id())).isFalse();

        store.journal(replay(journal(1, Outcome.DUPLICATE, 1), other.id()));
        assertThat(history.replayed(other.id())).isTrue();
    }

    @Test
    void aJournalEntryIsAppliedByOneReplayAtMostAndTheStoreRefusesASecond() {
        JournalEntry original = store.journal(journal(1, Outcome.REJECTED, 0));
        Lead first = lead(1, "c1", "o1", false);
        Effects firstEffects = created(first);
        store.insert(first, new Effects(replay(firstEffects.journal(), original.id()), firstEffects.bookings(), firstEffects.events()));
        List<Lead> leads = history.latestLeads(10);
        List<JournalEntry> journal = history.latestJournal(10);

        Lead second = lead(1, "c1", "o1", false);
        Effects secondEffects = created(second);
        assertThatThrownBy(() -> store.insert(second,
                new Effects(replay(secondEffects.journal(), original.id()), secondEffects.bookings(), secondEffects.events())))
                .isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.journal(replay(journal(1, Outcome.DUPLICATE, leads.get(0).id()), original.id())))
                .isInstanceOf(StoreException.class);
        Lead changed = leads.get(0).withState(approvedState(leads.get(0).state()));
        Effects changedEffects = approved(leads.get(0), changed.state());
        assertThatThrownBy(() -> store.update(changed,
                new Effects(replay(changedEffects.journal(), original.id()), changedEffects.bookings(), changedEffects.events())))
                .isInstanceOf(StoreException.class);

        assertThat(history.latestLeads(10)).isEqualTo(leads);
        assertThat(history.latestJournal(10)).isEqualTo(journal);
        assertThat(outbox.pending(10)).hasSize(1);
        store.journal(replay(journal(1, Outcome.REJECTED, 0), original.id()));
        assertThat(history.latestJournal(10)).as("a replay that failed again is journaled as ever").hasSize(3);
    }

    @Test
    void aPostbackIdIsJournaledOnceAndTheFirstEntryIsAnswered() {
        JournalEntry first = store.journal(journal(1, Outcome.UNCHANGED, 0));
        JournalEntry sameId = withPostbackId(journal(1, Outcome.REJECTED, 0), first.postbackId());

        JournalEntry answered = store.journal(sameId);

        assertThat(answered).as("nothing written, the stored entry answered").isEqualTo(first);
        assertThat(history.latestJournal(10)).containsExactly(first);
        assertThat(store.journalEntry(first.postbackId())).contains(first);
        assertThat(store.journalEntry("never-journaled")).isEmpty();
    }

    @Test
    void aLeadWriteWhosePostbackIsJournaledAlreadyWritesNothing() {
        Lead existing = insertNew(lead(1, "c1", "o1", true));
        JournalEntry rejection = store.journal(journal(1, Outcome.REJECTED, 0));
        Lead fresh = lead(1, "c2", "o2", true);
        Effects late = effectsWithPostbackId(created(fresh), rejection.postbackId());
        Lead changed = existing.withState(approvedState(existing.state()));

        assertThatThrownBy(() -> store.insert(fresh, late)).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.update(changed, effectsWithPostbackId(approved(existing, changed.state()),
                rejection.postbackId()))).isInstanceOf(StoreException.class);

        assertThat(history.latestLeads(10)).containsExactly(existing);
        assertThat(history.ledger(existing.id())).isEmpty();
        assertThat(history.latestJournal(10)).hasSize(2);
        assertThat(store.journalEntry(rejection.postbackId())).contains(rejection);
    }

    @Test
    void aLeadWrittenWithItsEffectsIsFoundByItsPostbackId() {
        Lead lead = lead(1, "c1", "o1", true);
        Effects effects = created(lead);
        Lead inserted = Fixtures.leadOf(store.insert(lead, effects));

        JournalEntry entry = store.journalEntry(effects.journal().postbackId()).orElseThrow();

        assertThat(entry.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(entry.leadId()).hasValue(inserted.id());
        JournalEntry late = store.journal(withPostbackId(journal(1, Outcome.REJECTED, 0), entry.postbackId()));
        assertThat(late).as("a 'store' rejection after the write committed answers the write's entry").isEqualTo(entry);
    }

    static JournalEntry withPostbackId(JournalEntry e, String postbackId) {
        return new JournalEntry(e.id(), postbackId, e.receivedAt(), e.action(), e.params(), e.offerId(), e.siteId(), e.leadId(),
                e.outcome(), e.error(), e.message(), e.remoteAddress(), e.replayOf());
    }

    static Effects effectsWithPostbackId(Effects effects, String postbackId) {
        return new Effects(withPostbackId(effects.journal(), postbackId), effects.bookings(), effects.events());
    }

    @Test
    void aSignatureIsUsedOnceUntilItExpires() {
        Instant future = Instant.now().plusSeconds(600);
        Instant past = Instant.now().minusSeconds(600);

        assertThat(under.signatures().firstUse("digest-a", "pb-a1", future)).isTrue();
        assertThat(under.signatures().firstUse("digest-a", "pb-a2", future)).isFalse();
        assertThat(under.signatures().firstUse("digest-b", "pb-b1", future)).isTrue();
        assertThat(under.signatures().firstUser("digest-a")).as("the first use is remembered").contains("pb-a1");

        assertThat(under.signatures().firstUse("digest-c", "pb-c1", past)).isTrue();
        assertThat(under.signatures().firstUser("digest-c")).as("an expired digest has no user").isEmpty();
        assertThat(under.signatures().firstUse("digest-c", "pb-c2", future)).as("an expired digest may be used again").isTrue();
        assertThat(under.signatures().firstUse("digest-c", "pb-c3", future)).isFalse();
        assertThat(under.signatures().firstUser("digest-c")).contains("pb-c2");
        assertThat(under.signatures().firstUser("digest-never")).isEmpty();
    }

    @Test
    void aForgottenSignatureMayBeUsedAgain() {
        Instant future = Instant.now().plusSeconds(600);
        assertThat(under.signatures().firstUse("digest-f", "pb-f1", future)).isTrue();
        assertThat(under.signatures().firstUse("digest-g", "pb-g1", future)).isTrue();

        under.signatures().forget("digest-f");

        assertThat(under.signatures().firstUse("digest-f", "pb-f2", future)).as("forgotten after a transient failure").isTrue();
        assertThat(under.signatures().firstUser("digest-f")).contains("pb-f2");
        assertThat(under.signatures().firstUse("digest-g", "pb-g2", future)).as("other digests are kept").isFalse();
    }

    @Test
    void theOutboxGivesTheOldestEventsAndForgetsDeliveredOnes() {
        Lead a = insertNew(lead(1, "c1", "o1", true));
        Lead b = insertNew(lead(1, "c2", "o2", true));
        Lead c = insertNew(lead(1, "c3", "o3", true));

        List<StoredEvent> pending = outbox.pending(2);
        assertThat(pending).extracting(e -> e.event().leadId()).containsExactly(a.id(), b.id());
        assertThat(pending.get(1).id()).isGreaterThan(pending.get(0).id());

        outbox.markDelivered(List.of(pending.get(0).id()));
        outbox.markDelivered(List.of());
        assertThat(outbox.pending(10)).extracting(e -> e.event().leadId()).containsExactly(b.id(), c.id());

        outbox.markDelivered(outbox.pending(10).stream().map(StoredEvent::id).toList());
        assertThat(outbox.pending(10)).isEmpty();
    }
}

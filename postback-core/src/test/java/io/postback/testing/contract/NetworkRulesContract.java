package io.postback.testing.contract;

import static io.postback.testing.contract.Fixtures.AT;
import static io.postback.testing.contract.Fixtures.LATER;
import static io.postback.testing.contract.Fixtures.created;
import static io.postback.testing.contract.Fixtures.journal;
import static io.postback.testing.contract.Fixtures.key;
import static io.postback.testing.contract.Fixtures.lead;
import static io.postback.testing.contract.Fixtures.updated;
import static org.assertj.core.api.Assertions.assertThat;

import io.postback.model.Added;
import io.postback.model.CapSlot;
import io.postback.model.HeldApproval;
import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.model.LeadState;
import io.postback.model.Money;
import io.postback.model.Outcome;
import io.postback.model.Status;
import io.postback.spi.CapFull;
import io.postback.spi.CapTake;
import io.postback.spi.Effects;
import io.postback.spi.Insertion;
import io.postback.spi.LeadLookup;
import io.postback.spi.Update;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The store's part of the network rules: cap slots taken and freed with a lead change (rules §14),
 * other keys of a lead (rules §12), the lookups of repeats and releases (rules §12, §13), and the
 * lead's new state round-tripping. Stores run it through {@link AbstractLeadStoreContractTest}.
 */
public abstract class NetworkRulesContract extends LeadStoreBasicContract {

    /** Cap keys hold '|', '=' and goal ids, which may be any text. */
    static final CapSlot DAY = new CapSlot("o1|approve|day|Europe/Berlin|f*|w*|g=d\u00e9p \uD83D\uDE00", "2026-03-04");
    static final CapSlot MONTH = new CapSlot("o1|create|month|UTC|f1234|w77|g*", "2026-03");
    static final CapSlot TOTAL = new CapSlot("o1|create|total|UTC|f*|w*|g*", "total");

    private Insertion insertTaking(Lead lead, CapTake... takes) {
        return store.insert(lead, with(created(lead), List.of(takes), List.of(), List.of()));
    }

    private static Effects with(Effects effects, List<CapTake> takes, List<CapSlot> frees, List<String> keys) {
        return new Effects(effects.journal(), effects.bookings(), effects.events(), takes, frees, keys);
    }

    private int leads() {
        return history.latestLeads(1000).size();
    }

    private int journalSize() {
        return history.latestJournal(1000).size();
    }

    private int events() {
        return outbox.pending(1000).size();
    }

    @Test
    void aCapAdmitsUpToItsMaxThenAnswersCapFullAndWritesNothing() {
        assertThat(insertTaking(lead(1, "c1", "o1", true), new CapTake(MONTH, 2))).isInstanceOf(Insertion.Inserted.class);
        assertThat(insertTaking(lead(1, "c2", "o2", true), new CapTake(MONTH, 2))).isInstanceOf(Insertion.Inserted.class);
        assertThat(store.capUsed(MONTH)).isEqualTo(2);

        Insertion third = insertTaking(lead(1, "c3", "o3", true), new CapTake(MONTH, 2));

        assertThat(third).isEqualTo(new CapFull(MONTH));
        assertThat(store.capUsed(MONTH)).isEqualTo(2);
        assertThat(leads()).isEqualTo(2);
        assertThat(journalSize()).isEqualTo(2);
        assertThat(events()).isEqualTo(2);
        assertThat(store.find(new LeadLookup.ByKey(1, key("c3", "o3")))).isEmpty();
        assertThat(insertTaking(lead(1, "c3", "o3", true), new CapTake(MONTH, 3))).as("a raised cap has room again")
                .isInstanceOf(Insertion.Inserted.class);
        assertThat(store.capUsed(MONTH)).isEqualTo(3);
    }

    @Test
    void aChangeTakesAllItsSlotsOrNone() {
        insertTaking(lead(1, "c1", "o1", true), new CapTake(TOTAL, 1));

        Insertion refused = insertTaking(lead(1, "c2", "o2", true), new CapTake(DAY, 5), new CapTake(TOTAL, 1),
                new CapTake(MONTH, 5));

        assertThat(refused).isEqualTo(new CapFull(TOTAL));
        assertThat(store.capUsed(DAY)).as("counters of a refused change are unchanged").isZero();
        assertThat(store.capUsed(MONTH)).isZero();
        assertThat(store.capUsed(TOTAL)).isEqualTo(1);
        assertThat(leads()).isEqualTo(1);
    }

    @Test
    void aCapOfZeroAdmitsNothingAndPeriodsCountApart() {
        assertThat(insertTaking(lead(1, "c1", "o1", true), new CapTake(DAY, 0))).isEqualTo(new CapFull(DAY));
        CapSlot nextDay = new CapSlot(DAY.cap(), "2026-03-05");

        assertThat(insertTaking(lead(1, "c1", "o1", true), new CapTake(DAY, 1))).isInstanceOf(Insertion.Inserted.class);
        assertThat(insertTaking(lead(1, "c2", "o2", true), new CapTake(nextDay, 1))).isInstanceOf(Insertion.Inserted.class);

        assertThat(store.capUsed(DAY)).isEqualTo(1);
        assertThat(store.capUsed(nextDay)).isEqualTo(1);
        assertThat(store.capUsed(new CapSlot(DAY.cap(), "2026-03-06"))).isZero();
    }

    @Test
    void anUpdateWithoutRoomAnswersCapFullAndWritesNothing() {
        insertTaking(lead(1, "c1", "o1", true), new CapTake(DAY, 1));
        Lead stored = insertNew(lead(1, "c2", "o2", true));
        Lead approved = stored.withState(Fixtures.approvedState(stored.state()).withCapSlots(List.of(DAY)));
        int journal = journalSize();
        int events = events();

        Update update = store.update(approved, with(Fixtures.approved(approved, approved.state()), List.of(new CapTake(DAY, 1)),
                List.of(), List.of()));

        assertThat(update).isEqualTo(new CapFull(DAY));
        assertThat(update.applied()).isFalse();
        assertThat(store.find(new LeadLookup.ById(1, stored.id()))).contains(stored);
        assertThat(journalSize()).isEqualTo(journal);
        assertThat(events()).isEqualTo(events);
        assertThat(history.ledger(stored.id())).isEmpty();
        assertThat(store.capUsed(DAY)).isEqualTo(1);
    }

    @Test
    void aFreedSlotCanBeTakenAgainAndACounterNeverGoesBelowZero() {
        Lead holder = Fixtures.leadOf(insertTaking(lead(1, "c1", "o1", true), new CapTake(DAY, 1)));
        Lead leaving = holder.withState(Fixtures.withComment(holder.state(), "left approve"));

        assertThat(store.update(leaving, with(updated(leaving), List.of(), List.of(DAY), List.of()))).isEqualTo(Update.APPLIED);

        assertThat(store.capUsed(DAY)).isZero();
        assertThat(insertTaking(lead(1, "c2", "o2", true), new CapTake(DAY, 1))).isInstanceOf(Insertion.Inserted.class);
        Lead again = store.find(new LeadLookup.ById(1, holder.id())).orElseThrow();
        Lead twice = again.withState(Fixtures.withComment(again.state(), "freed twice"));
        assertThat(store.update(twice, with(updated(twice), List.of(), List.of(MONTH, DAY), List.of()))).isEqualTo(Update.APPLIED);
        assertThat(store.capUsed(DAY)).isZero();
        assertThat(store.capUsed(MONTH)).as("a slot never taken stays at zero").isZero();
        Lead thrice = store.find(new LeadLookup.ById(1, holder.id())).orElseThrow();
        assertThat(store.update(thrice, with(updated(thrice), List.of(), List.of(DAY), List.of()))).isEqualTo(Update.APPLIED);
        assertThat(store.capUsed(DAY)).isZero();
    }

    @Test
    void aLeadFoundByAnotherKeyIsItsHolder() {
        Lead a = insertNew(lead(1, "c1", "o1", true));
        Lead repeated = a.withState(Fixtures.withComment(a.state(), "repeat added"));
        String repeatKey = key("c1", "o2");

        assertThat(store.update(repeated, with(updated(repeated), List.of(), List.of(), List.of(repeatKey)))).isEqualTo(Update.APPLIED);

        assertThat(store.find(new LeadLookup.ByKey(1, repeatKey))).contains(repeated.nextVersion());
        assertThat(store.find(new LeadLookup.ByKey(1, key("c1", "o1")))).contains(repeated.nextVersion());
        assertThat(store.find(new LeadLookup.ByKey(2, repeatKey))).as("keys are per offer").isEmpty();
    }

    @Test
    void aKeyHeldAsAnotherKeyRefusesAnInsertForItsHolderAndWritesNothing() {
        Lead a = insertNew(lead(1, "c1", "o1", true));
        Lead repeated = a.withState(Fixtures.withComment(a.state(), "repeat added"));
        store.update(repeated, with(updated(repeated), List.of(), List.of(), List.of(key("c1", "o2"))));
        Lead holder = repeated.nextVersion();
        int journal = journalSize();
        Lead rival = lead(1, "c1", "o2", true);

        Insertion refused = store.insert(rival, with(created(rival), List.of(new CapTake(TOTAL, 10)), List.of(),
                List.of(key("c1", "o2"))));

        assertThat(refused).isEqualTo(new Insertion.AlreadyExists(holder));
        assertThat(leads()).isEqualTo(1);
        assertThat(journalSize()).isEqualTo(journal);
        assertThat(store.capUsed(TOTAL)).isZero();
        JournalEntry duplicate = journal(1, Outcome.DUPLICATE, 0);
        assertThat(store.insertOrJournalDuplicate(rival, with(created(rival), List.of(), List.of(), List.of(key("c1", "o2"))),
                duplicate)).isEqualTo(new Insertion.AlreadyExists(holder));
        assertThat(history.latestJournal(1).get(0).withId(0)).isEqualTo(duplicate.withLeadId(holder.id()));
        assertThat(leads()).isEqualTo(1);
    }

    @Test
    void aNewLeadsOwnKeyAmongItsKeysIsInsertedOnceAndKeepsItsHolder() {
        Lead first = lead(1, "c1", "o1", true);
        Lead a = Fixtures.leadOf(store.insert(first, with(created(first), List.of(), List.of(), List.of(key("c1", "o1")))));

        Insertion again = store.insert(first, with(created(first), List.of(), List.of(), List.of(key("c1", "o1"))));

        assertThat(again).isEqualTo(new Insertion.AlreadyExists(a));
        assertThat(store.find(new LeadLookup.ByKey(1, key("c1", "o1")))).contains(a);
        assertThat(leads()).isEqualTo(1);
    }

    @Test
    void aKeyOfAnotherLeadRefusesAnUpdateAsOutdated() {
        Lead a = insertNew(lead(1, "c1", "o1", true));
        Lead b = insertNew(lead(1, "c2", "o2", true));
        Lead aRepeated = a.withState(Fixtures.withComment(a.state(), "repeat of a"));
        store.update(aRepeated, with(updated(aRepeated), List.of(), List.of(), List.of(key("c9", "shared"))));
        int journal = journalSize();
        Lead bRepeated = b.withState(Fixtures.withComment(b.state(), "repeat of b"));

        assertThat(store.update(bRepeated, with(updated(bRepeated), List.of(new CapTake(TOTAL, 5)), List.of(),
                List.of(key("c9", "shared"))))).as("another lead's other key").isEqualTo(Update.OUTDATED);
        assertThat(store.update(bRepeated, with(updated(bRepeated), List.of(), List.of(), List.of(key("c1", "o1")))))
                .as("another lead's own key").isEqualTo(Update.OUTDATED);

        assertThat(store.find(new LeadLookup.ById(1, b.id()))).contains(b);
        assertThat(journalSize()).isEqualTo(journal);
        assertThat(store.capUsed(TOTAL)).isZero();
        assertThat(store.find(new LeadLookup.ByKey(1, key("c9", "shared")))).contains(aRepeated.nextVersion());
    }

    /**
     * The same repeat applied twice: a postback that read the lead before another gave it the key
     * must not add again (two-node racing on MariaDB caught it).
     */
    @Test
    void aKeyTheLeadHoldsAlreadyRefusesItsUpdateAsOutdated() {
        Lead a = insertNew(lead(1, "c1", "o1", true));
        Lead once = a.withState(Fixtures.withComment(a.state(), "repeat o2"));
        assertThat(store.update(once, with(updated(once), List.of(), List.of(), List.of(key("c1", "o2"))))).isEqualTo(Update.APPLIED);
        Lead current = once.nextVersion();
        Lead twice = current.withState(Fixtures.withComment(current.state(), "repeat o2 again"));
        int journal = journalSize();

        assertThat(store.update(twice, with(updated(twice), List.of(), List.of(), List.of(key("c1", "o2")))))
                .as("a key it was given").isEqualTo(Update.OUTDATED);
        assertThat(store.update(twice, with(updated(twice), List.of(), List.of(), List.of(key("c1", "o1")))))
                .as("its own key").isEqualTo(Update.OUTDATED);

        assertThat(store.find(new LeadLookup.ById(1, a.id()))).contains(current);
        assertThat(journalSize()).isEqualTo(journal);
        assertThat(store.update(twice, with(updated(twice), List.of(), List.of(), List.of(key("c1", "o3")))))
                .as("a new key").isEqualTo(Update.APPLIED);
    }

    @Test
    void theNewestLeadOfAClickAndGoalIsFoundAmongTheClicksLeads() {
        Lead reg1 = insertNew(withGoal(lead(1, "c1", "o1", true), "reg"));
        Lead dep = insertNew(withGoal(lead(1, "c1", "o2", true), "dep"));
        Lead reg2 = insertNew(withGoal(lead(1, "c1", "o3", true), "reg"));
        insertNew(withGoal(lead(1, "c2", "o4", true), "dep"));
        insertNew(withGoal(lead(2, "c1", "o5", true), "dep"));

        assertThat(store.find(new LeadLookup.NewestOfClickAndGoal(1, "c1", "reg"))).contains(reg2);
        assertThat(store.find(new LeadLookup.NewestOfClickAndGoal(1, "c1", "dep"))).contains(dep);
        assertThat(store.find(new LeadLookup.NewestOfClickAndGoal(1, "c1", "rs"))).isEmpty();
        assertThat(store.find(new LeadLookup.NewestOfClickAndGoal(1, "c3", "reg"))).isEmpty();
        assertThat(store.find(new LeadLookup.NewestOfClickAndGoal(1, "C1", "reg"))).as("clicks compare exactly").isEmpty();
        assertThat(reg1.id()).isLessThan(reg2.id());
    }

    @Test
    void leadsDueForReleaseComeSoonestFirstAndLimited() {
        Instant t1 = Instant.parse("2026-03-10T00:00:00.000001Z");
        Instant t2 = t1.plusSeconds(60);
        Instant t3 = t2.plusSeconds(60);
        Lead third = insertNew(held(lead(1, "c1", "o1", true), t3));
        Lead firstOfTwo = insertNew(held(lead(1, "c2", "o2", true), t1));
        Lead second = insertNew(held(lead(1, "c3", "o3", true), t2));
        Lead secondOfTwo = insertNew(held(lead(1, "c4", "o4", true), t1));
        insertNew(held(lead(1, "c5", "o5", true), t3.plusSeconds(1)));
        insertNew(lead(1, "c6", "o6", true));

        assertThat(store.dueForRelease(t3, 10)).containsExactly(firstOfTwo, secondOfTwo, second, third);
        assertThat(store.dueForRelease(t3, 2)).containsExactly(firstOfTwo, secondOfTwo);
        assertThat(store.dueForRelease(t1.minusNanos(1000), 10)).isEmpty();
        Lead released = firstOfTwo.withState(firstOfTwo.state().withStatus(Status.APPROVE, Optional.empty()));
        assertThat(store.update(released, updated(released))).isEqualTo(Update.APPLIED);
        assertThat(store.dueForRelease(t1, 10)).as("a released lead is due no more").containsExactly(secondOfTwo);
    }

    @Test
    void heldApprovalsAddedMoneyAndCapSlotsRoundTrip() {
        Lead lead = held(lead(1, "c1", "o1", true), AT.plusSeconds(86_400));
        LeadState full = lead.state().plus(new Added(Money.of("12.34567891", "EUR"), Money.of("0.00000001", "EUR")))
                .withCapSlots(List.of(DAY, MONTH, TOTAL));

        Lead inserted = insertNew(lead.withState(full));

        Lead found = store.find(new LeadLookup.ById(1, inserted.id())).orElseThrow();
        assertThat(found).isEqualTo(inserted);
        assertThat(found.state().held().orElseThrow().releaseAt()).isEqualTo(AT.plusSeconds(86_400));
        assertThat(found.state().added().payout()).isEqualTo(Money.of("12.34567891", "EUR"));
        assertThat(found.state().capSlots()).containsExactly(DAY, MONTH, TOTAL);
        Lead released = found.withState(found.state().withStatus(Status.APPROVE, Optional.empty()).withCapSlots(List.of(MONTH)));
        assertThat(store.update(released, updated(released))).isEqualTo(Update.APPLIED);
        assertThat(store.find(new LeadLookup.ById(1, inserted.id()))).contains(released.nextVersion());
        Lead none = released.nextVersion().withState(released.state().withoutAdded().withCapSlots(List.of()));
        assertThat(store.update(none, updated(none))).isEqualTo(Update.APPLIED);
        assertThat(store.find(new LeadLookup.ById(1, inserted.id()))).contains(none.nextVersion());
    }

    private static Lead withGoal(Lead lead, String goal) {
        LeadState s = lead.state();
        return lead.withState(new LeadState(s.status(), goal, s.payout(), s.payoutSource(), s.commission(), s.commissionSource(),
                s.conversion(), s.advertiserTime(), s.comment(), s.updatedAt(), s.fields()));
    }

    /** The lead in hold, waiting out a hold period that ends at {@code releaseAt} (rules §13). */
    static Lead held(Lead lead, Instant releaseAt) {
        return lead.withState(lead.state().withStatus(Status.HOLD, Optional.of(new HeldApproval(LATER, releaseAt))));
    }
}

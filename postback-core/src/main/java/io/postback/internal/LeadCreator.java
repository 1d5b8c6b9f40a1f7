package io.postback.internal;

import io.postback.DuplicatePolicy;
import io.postback.PostbackResult;
import io.postback.model.Booking;
import io.postback.model.Goal;
import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.model.LeadState;
import io.postback.model.Outcome;
import io.postback.model.Status;
import io.postback.spi.Effects;
import io.postback.spi.Insertion;
import io.postback.spi.LeadLookup;
import io.postback.spi.LeadStore;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Creation of a lead, exactly once per dedupe key (SPEC §3). */
final class LeadCreator {

    /** The journal's message for a duplicate; the entry's lead id names the lead. */
    static final String DUPLICATE_MESSAGE = "duplicate of an existing lead";

    private final MoneyRules money;
    private final DuplicatePolicy duplicates;
    private final LeadEvents events;

    LeadCreator(MoneyRules money, DuplicatePolicy duplicates, LeadEvents events) {
        this.money = money;
        this.duplicates = duplicates;
        this.events = events;
    }

    /**
     * The dedupe key of a new lead, or the existing lead that makes this CREATE a duplicate under
     * the host's click policy.
     */
    sealed interface Key {
    }

    record Keyed(Optional<String> dedupeKey) implements Key {
    }

    record DuplicateOf(Lead lead) implements Key {
    }

    Key key(Postback pb, LeadStore store) {
        PostbackParams p = pb.params;
        if (p.exto != null) {
            String key = p.click != null ? DedupeKeys.clickExto(p.click, p.exto) : DedupeKeys.flowExto(pb.flow.id(), p.exto);
            pb.trace.add("key", p.click != null ? "(click, exto)" : "(flow, exto)");
            return new Keyed(Optional.of(key));
        }
        if (p.click == null) {
            pb.trace.add("key", "none: a lead created by flow alone can never be addressed again");
            return new Keyed(Optional.empty());
        }
        if (duplicates instanceof DuplicatePolicy.EveryCreate) {
            pb.trace.add("key", "none: every CREATE with a click alone makes a new lead");
            return new Keyed(Optional.empty());
        }
        Optional<Lead> newest = store.find(new LeadLookup.NewestOfClick(pb.offer.id(), p.click));
        if (duplicates instanceof DuplicatePolicy.Window window) {
            if (newest.isPresent() && newest.get().createdAt().plus(window.window()).isAfter(pb.now)) {
                if (pb.trace.enabled()) {
                    pb.trace.add("key", "click policy: the click has a lead within " + window.window());
                }
                return new DuplicateOf(newest.get());
            }
            if (pb.trace.enabled()) {
                pb.trace.add("key", "click policy: no lead of the click within " + window.window());
            }
            return new Keyed(Optional.of(DedupeKeys.clickAfter(p.click, newest.map(Lead::id).orElse(0L))));
        }
        if (newest.isPresent()) {
            pb.trace.add("key", "click policy: one lead per click");
            return new DuplicateOf(newest.get());
        }
        pb.trace.add("key", "click policy: one lead per click");
        return new Keyed(Optional.of(DedupeKeys.clickOnce(p.click)));
    }

    /** Inserts the lead in {@code status}; an existing key answers {@link Insertion.AlreadyExists}. */
    Insertion insert(Postback pb, Status status, Optional<String> dedupeKey, LeadStore store) {
        NewLead lead = newLead(pb, status, dedupeKey);
        pb.attempted = new PostbackResult.Applied(Outcome.CREATED, lead.lead());
        return store.insert(lead.lead(), lead.effects());
    }

    /** {@link #insert}, and when the key is taken, journals this postback as a duplicate of its holder. */
    Insertion insertOrJournalDuplicate(Postback pb, Status status, Optional<String> dedupeKey, LeadStore store) {
        NewLead lead = newLead(pb, status, dedupeKey);
        JournalEntry created = lead.effects().journal();
        // The created entry's masked parameters are shared: most CREATEs are new, and this entry is never written.
        JournalEntry duplicate = new JournalEntry(0, created.postbackId(), created.receivedAt(), created.action(), created.params(),
                created.offerId(), created.siteId(), OptionalLong.empty(), Outcome.DUPLICATE, Optional.empty(),
                DUPLICATE_MESSAGE, created.remoteAddress(), created.replayOf());
        pb.attempted = new PostbackResult.Applied(Outcome.CREATED, lead.lead());
        return store.insertOrJournalDuplicate(lead.lead(), lead.effects(), duplicate);
    }

    private record NewLead(Lead lead, Effects effects) {
    }

    private NewLead newLead(Postback pb, Status status, Optional<String> dedupeKey) {
        Goal goal = pb.goal != null ? pb.goal : pb.offer.defaultGoalRule();
        if (pb.goal == null) {
            if (pb.trace.enabled()) {
                pb.trace.add("goal", "default goal '" + goal.id() + "'");
            }
        }
        MoneyRules.Amounts amounts = money.compute(pb.offer, goal, pb.flowId(), pb.webmasterId(), null, pb.reported, pb.trace);
        PostbackParams p = pb.params;
        LeadState state = new LeadState(status, goal.id(), amounts.payout(), amounts.payoutSource(), amounts.commission(),
                amounts.commissionSource(), Optional.ofNullable(pb.reported.conversion()), Optional.ofNullable(p.time),
                Optional.ofNullable(p.comment), pb.now);
        Lead lead = new Lead(0, 0, pb.offer.id(), pb.siteId(), pb.click(), pb.exto(), pb.flowId(), pb.webmasterId(),
                dedupeKey, pb.now, state);
        List<Booking> bookings = Ledger.bookings(null, state);
        JournalEntry journal = JournalEntries.entry(pb, 0, Outcome.CREATED, null, "lead created");
        return new NewLead(lead, new Effects(journal, bookings, events.of(0, pb.offer.id(), null, state, bookings, pb.now)));
    }
}

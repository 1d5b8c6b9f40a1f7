package io.postback.internal;

import io.postback.DuplicatePolicy;
import io.postback.model.Booking;
import io.postback.model.Goal;
import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.model.LeadState;
import io.postback.model.Outcome;
import io.postback.model.Status;
import io.postback.spi.Effects;
import io.postback.spi.LeadLookup;
import java.util.List;
import java.util.Optional;

/**
 * The creation of a lead (rules §3): its dedupe key, or the lead that makes the CREATE a duplicate,
 * and the lead with all it writes. Pure: the processor reads what a rule needs, and writes what it returns.
 */
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

    /** A lead to insert, what it writes besides, and the journal entry of a CREATE that finds its key taken. */
    record NewLead(Lead lead, Effects effects, JournalEntry ifDuplicate) {
    }

    /** What the host's click policy must read before it can tell the key: the click's newest lead, if anything. */
    Optional<LeadLookup> policyLookup(PreparedPostback pb) {
        boolean byPolicy = pb.params().exto == null && pb.params().click != null
                && !(duplicates instanceof DuplicatePolicy.EveryCreate);
        return byPolicy ? Optional.of(new LeadLookup.NewestOfClick(pb.offer().id(), pb.params().click)) : Optional.empty();
    }

    /** @param newestOfClick what {@link #policyLookup} found */
    Key key(PreparedPostback pb, Optional<Lead> newestOfClick) {
        ValidatedParams p = pb.params();
        Trace trace = pb.trace();
        if (p.exto != null) {
            trace.add("key", p.click != null ? "(click, exto)" : "(flow, exto)");
            return new Keyed(Optional.of(p.click != null ? DedupeKeys.clickExto(p.click, p.exto)
                    : DedupeKeys.flowExto(pb.flow().id(), p.exto)));
        }
        if (p.click == null) {
            trace.add("key", "none: a lead created by flow alone can never be addressed again");
            return new Keyed(Optional.empty());
        }
        if (duplicates instanceof DuplicatePolicy.EveryCreate) {
            trace.add("key", "none: every CREATE with a click alone makes a new lead");
            return new Keyed(Optional.empty());
        }
        if (duplicates instanceof DuplicatePolicy.Window window) {
            Optional<Lead> recent = newestOfClick.filter(lead -> lead.createdAt().plus(window.window()).isAfter(pb.now()));
            trace.add("key", "click policy: ", recent.isPresent() ? "the click has a lead" : "no lead of the click",
                    " within ", window.window());
            return recent.<Key>map(DuplicateOf::new).orElseGet(() -> new Keyed(Optional.of(
                    DedupeKeys.clickAfter(p.click, newestOfClick.map(Lead::id).orElse(0L)))));
        }
        trace.add("key", "click policy: one lead per click");
        return newestOfClick.<Key>map(DuplicateOf::new).orElseGet(() -> new Keyed(Optional.of(DedupeKeys.clickOnce(p.click))));
    }

    /** The lead in {@code status}, its journal entry, bookings and events. */
    NewLead newLead(PreparedPostback pb, Status status, Optional<String> dedupeKey) {
        Goal goal = pb.goal() != null ? pb.goal() : pb.offer().defaultGoalRule();
        if (pb.goal() == null) {
            pb.trace().add("goal", "default goal '", goal.id(), "'");
        }
        MoneyRules.Amounts amounts = money.compute(pb.offer(), goal, pb.flowId(), pb.webmasterId(), null, pb.reported(),
                pb.trace());
        ValidatedParams p = pb.params();
        LeadState state = new LeadState(status, goal.id(), amounts.payout(), amounts.payoutSource(), amounts.commission(),
                amounts.commissionSource(), Optional.ofNullable(pb.reported().conversion()), Optional.ofNullable(p.time),
                Optional.ofNullable(p.comment), pb.now(), pb.fields());
        Lead lead = new Lead(0, 0, pb.offer().id(), pb.siteId(), pb.click(), pb.exto(), pb.flowId(), pb.webmasterId(),
                dedupeKey, pb.now(), state);
        List<Booking> bookings = Ledger.bookings(null, state);
        JournalEntry created = pb.journal(0, Outcome.CREATED, null, "lead created");
        Effects effects = new Effects(created, bookings, events.of(0, pb.offer().id(), null, state, bookings, pb.now()));
        // Most CREATEs are new: the duplicate's entry shares the created entry's masked parameters.
        return new NewLead(lead, effects, created.withOutcome(Outcome.DUPLICATE, DUPLICATE_MESSAGE));
    }
}

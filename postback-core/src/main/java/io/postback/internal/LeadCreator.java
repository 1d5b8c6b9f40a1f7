package io.postback.internal;

import io.postback.DuplicatePolicy;
import io.postback.model.Booking;
import io.postback.model.Cap;
import io.postback.model.Goal;
import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.model.LeadState;
import io.postback.model.Outcome;
import io.postback.model.Repeat;
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
    private final OutboundDeliveries deliveries;

    LeadCreator(MoneyRules money, DuplicatePolicy duplicates, LeadEvents events, OutboundDeliveries deliveries) {
        this.deliveries = deliveries;
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

    /**
     * What the click policy must read before it can tell the key: the click's newest lead, or for a
     * goal that sets {@code repeat} the click's newest lead of that goal (rules §12), if anything.
     */
    Optional<LeadLookup> policyLookup(PreparedPostback pb) {
        Goal goal = goal(pb);
        if (goal.repeat().isPresent()) {
            return pb.params().exto == null && pb.params().click != null
                    ? Optional.of(new LeadLookup.NewestOfClickAndGoal(pb.offer().id(), pb.params().click, goal.id()))
                    : Optional.empty();
        }
        boolean byPolicy = pb.params().exto == null && pb.params().click != null
                && !(duplicates instanceof DuplicatePolicy.EveryCreate);
        return byPolicy ? Optional.of(new LeadLookup.NewestOfClick(pb.offer().id(), pb.params().click)) : Optional.empty();
    }

    /** @param newestOfClick what {@link #policyLookup} found */
    Key key(PreparedPostback pb, Optional<Lead> newestOfClick) {
        Goal goal = goal(pb);
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
        if (goal.repeat().isPresent()) {
            // The goal decides its repeats (rules §12); leads of other goals do not make this one a duplicate.
            long after = newestOfClick.map(Lead::id).orElse(0L);
            trace.add("key", "goal '", goal.id(), "' repeats: the click's next lead of the goal, after lead ", after);
            return new Keyed(Optional.of(DedupeKeys.clickGoalAfter(p.click, goal.id(), after)));
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

    /**
     * The lead in {@code status} (or what the network's rules make of it, rules §13–§14), its
     * journal entry, bookings, events and cap slots.
     *
     * @param turnedAwayBy the cap that had no room for this lead when it was tried, or null
     */
    NewLead newLead(PreparedPostback pb, Status status, Optional<String> dedupeKey, Cap turnedAwayBy) throws Rejection {
        Goal goal = goal(pb);
        if (pb.goal() == null) {
            pb.trace().add("goal", "default goal '", goal.id(), "'");
        }
        MoneyRules.Amounts amounts = money.compute(pb.offer(), goal, pb.flowId(), pb.webmasterId(), null, pb.reported(),
                pb.trace());
        ValidatedParams p = pb.params();
        LeadState proposed = new LeadState(status, goal.id(), amounts.payout(), amounts.payoutSource(), amounts.commission(),
                amounts.commissionSource(), Optional.ofNullable(pb.reported().conversion()), Optional.ofNullable(p.time),
                Optional.ofNullable(p.comment), pb.now(), pb.fields());
        NetworkDecision.Decided decided = NetworkDecision.decide(pb, null, proposed, pb.flowId(), pb.webmasterId(), turnedAwayBy);
        LeadState state = decided.state();
        Lead lead = new Lead(0, 0, pb.offer().id(), pb.siteId(), pb.click(), pb.exto(), pb.flowId(), pb.webmasterId(),
                dedupeKey, pb.now(), state);
        List<Booking> bookings = Ledger.bookings(null, state);
        JournalEntry created = pb.journal(0, Outcome.CREATED, null, decided.message("lead created"));
        // Where a goal adds repeats, keys live beside the leads' own; the lead's key joins them (rules §12).
        List<String> keys = dedupeKey.isPresent() && addsRepeats(pb) ? List.of(dedupeKey.get()) : List.of();
        Effects effects = new Effects(created, bookings, events.of(0, pb.offer().id(), null, state, bookings, pb.now()),
                decided.caps().takes(), decided.caps().frees(), keys, deliveries.of(lead, null, state, pb.now()));
        // Most CREATEs are new: the duplicate's entry shares the created entry's masked parameters.
        return new NewLead(lead, effects, created.withOutcome(Outcome.DUPLICATE, DUPLICATE_MESSAGE));
    }

    /** The goal a CREATE converts: the one it sends, else the offer's default. */
    static Goal goal(PreparedPostback pb) {
        return pb.goal() != null ? pb.goal() : pb.offer().defaultGoalRule();
    }

    private static boolean addsRepeats(PreparedPostback pb) {
        for (Goal g : pb.offer().goals()) {
            if (g.repeat().isPresent() && g.repeat().get() == Repeat.ADD) {
                return true;
            }
        }
        return false;
    }
}

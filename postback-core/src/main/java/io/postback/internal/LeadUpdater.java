package io.postback.internal;

import io.postback.TransitionPolicy;
import io.postback.model.Added;
import io.postback.model.Booking;
import io.postback.model.Cap;
import io.postback.model.ErrorCode;
import io.postback.model.Goal;
import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.model.LeadState;
import io.postback.model.Money;
import io.postback.model.Outcome;
import io.postback.model.Status;
import io.postback.model.WebmasterRate;
import io.postback.spi.Effects;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The change a STATUS postback makes to a found lead (rules §4–§7, §13–§14), or why it makes none;
 * and the money a repeat conversion adds to a lead (rules §12).
 */
final class LeadUpdater {

    private final MoneyRules money;
    private final TransitionPolicy transitions;
    private final LeadEvents events;
    private final OutboundDeliveries deliveries;

    LeadUpdater(MoneyRules money, TransitionPolicy transitions, LeadEvents events, OutboundDeliveries deliveries) {
        this.deliveries = deliveries;
        this.money = money;
        this.transitions = transitions;
        this.events = events;
    }

    /**
     * What to do with the lead: write {@code effects}, or answer {@code outcome} without writing.
     *
     * @param added what a repeat conversion added, null otherwise
     */
    record Change(Outcome outcome, Lead lead, Effects effects, Added added) {
        boolean writes() {
            return outcome == Outcome.UPDATED;
        }
    }

    /** @param turnedAwayBy the cap that had no room for this change when it was tried, or null */
    Change change(PreparedPostback pb, Lead lead, Cap turnedAwayBy) throws Rejection {
        LeadState before = lead.state();
        Trace trace = pb.trace();
        Instant time = pb.params().time;
        if (time != null && before.advertiserTime().isPresent() && time.isBefore(before.advertiserTime().get())) {
            trace.add("stale", "'time' ", time, " is older than the lead's last change at ", before.advertiserTime().get());
            return noWrite(pb, Outcome.STALE, lead, "older than the lead's last change");
        }
        // A lead waiting out a hold period was approved by the advertiser: transitions are judged from approve (rules §13).
        Status current = before.advertiserStatus();
        Status target = pb.status() != null ? pb.status() : current;
        if (target != current && !transitions.allows(current, target) && !pb.received().mode().forced()) {
            trace.add("stale", "the transition policy refuses ", current.wireName(), " -> ", target.wireName());
            return noWrite(pb, Outcome.STALE, lead,
                    "a " + current.wireName() + " lead does not move back to " + target.wireName());
        }
        NetworkDecision.Decided decided = NetworkDecision.decide(pb, before, newState(pb, lead, target), lead.flowId(),
                lead.webmasterId(), turnedAwayBy);
        LeadState after = decided.state();
        if (after.sameContentAs(before)) {
            trace.add("unchanged", "the lead already is ", before.status().wireName(), " with this goal and money");
            return noWrite(pb, Outcome.UNCHANGED, lead, "nothing to change");
        }
        return write(pb, lead, decided, false, null);
    }

    /**
     * A repeat conversion of the lead's goal (rules §12): the lead grows by the postback's money, its
     * {@code pay}, else the goal's payout, and its {@code wm}, else the commission rule applied to that payout.
     *
     * @param key the repeat's {@code (click, exto)} key, which the lead gets; null without {@code exto}
     */
    Change add(PreparedPostback pb, Lead lead, Goal goal, String key, Cap turnedAwayBy) throws Rejection {
        LeadState before = lead.state();
        Money payout = pb.reported().pay() != null ? pb.reported().pay() : new Money(goal.payout(), pb.offer().currency());
        Money commission;
        if (pb.reported().wm() != null) {
            commission = pb.reported().wm();
        } else {
            WebmasterRate rate = money.rate(pb.offer(), goal, lead.flowId(), lead.webmasterId());
            commission = MoneyRules.commission(rate, payout);
        }
        Added added = new Added(payout, commission);
        pb.trace().add("repeat", "goal '", goal.id(), "' adds payout ", payout, " and commission ", commission + " to lead " + lead.id());
        LeadState proposed = withSentDetails(pb, before, before.advertiserStatus()).plus(added);
        NetworkDecision.Decided decided = NetworkDecision.decide(pb, before, proposed, lead.flowId(), lead.webmasterId(),
                turnedAwayBy);
        Change change = write(pb, lead, decided, true, key);
        return new Change(change.outcome(), change.lead(), change.effects(), added);
    }

    private Change write(PreparedPostback pb, Lead lead, NetworkDecision.Decided decided, boolean repeat, String key) {
        LeadState before = lead.state();
        LeadState after = decided.state();
        List<Booking> bookings = Ledger.bookings(before, after, repeat);
        for (Booking b : bookings) {
            pb.trace().add("booking", () -> b.party().name().toLowerCase(Locale.ROOT) + " " + b.amount() + " ("
                    + b.reason().name().toLowerCase(Locale.ROOT) + ")");
        }
        String message = decided.message(repeat ? "repeat conversion added to the lead" : "lead updated");
        if (pb.received().mode().correction().isPresent()) {
            message += "; " + pb.received().mode().correction().get().note();
        }
        JournalEntry journal = pb.journal(lead.id(), Outcome.UPDATED, null, message);
        Effects effects = new Effects(journal, bookings, events.of(lead.id(), lead.offerId(), before, after, bookings, pb.now()),
                decided.caps().takes(), decided.caps().frees(), key == null ? List.of() : List.of(key),
                deliveries.of(lead, before, after, pb.now()));
        return new Change(Outcome.UPDATED, lead.withState(after), effects, null);
    }

    /** The lead as the postback asks for it: in {@code target}, with its goal, money and details. */
    private LeadState newState(PreparedPostback pb, Lead lead, Status target) throws Rejection {
        LeadState before = lead.state();
        LeadState details = withSentDetails(pb, before, target);
        if (pb.goal() == null && !pb.reported().any()) {
            return details;
        }
        Goal goal = pb.goal() != null ? pb.goal() : pb.offer().goal(before.goal()).orElseThrow(() -> new Rejection(ErrorCode.GOAL,
                "the lead's goal '" + before.goal() + "' is no longer in the catalog; send 'goal'"));
        // Money repeat conversions added stays on top of the conversion's own, whatever recalculates it (rules §12).
        MoneyRules.Amounts amounts = money.compute(pb.offer(), goal, lead.flowId(), lead.webmasterId(), before.withoutAdded(),
                pb.reported(), pb.trace());
        return new LeadState(target, goal.id(), amounts.payout(), amounts.payoutSource(), amounts.commission(),
                amounts.commissionSource(), details.conversion(), details.advertiserTime(), details.comment(), pb.now(),
                details.fields(), Optional.empty(), Added.none(amounts.payout().currency()), before.capSlots())
                .plus(before.added());
    }

    /** The lead in {@code target} with the postback's time, comment, exchange rate and fields; its money as it is. */
    private static LeadState withSentDetails(PreparedPostback pb, LeadState before, Status target) {
        Optional<Instant> advertiserTime = before.advertiserTime();
        Instant time = pb.params().time;
        if (time != null && (advertiserTime.isEmpty() || time.isAfter(advertiserTime.get()))) {
            advertiserTime = Optional.of(time);
        }
        String comment = pb.params().comment;
        return new LeadState(target, before.goal(), before.payout(), before.payoutSource(), before.commission(),
                before.commissionSource(),
                pb.reported().conversion() != null ? Optional.of(pb.reported().conversion()) : before.conversion(),
                advertiserTime, comment != null ? Optional.of(comment) : before.comment(), pb.now(),
                withSent(before.fields(), pb.fields()), Optional.empty(), before.added(), before.capSlots());
    }

    /** The lead's fields, those the postback carries overwritten, the others kept (rules §11). */
    private static Map<String, String> withSent(Map<String, String> kept, Map<String, String> sent) {
        if (sent.isEmpty()) {
            return kept;
        }
        Map<String, String> fields = new java.util.HashMap<>(kept);
        fields.putAll(sent);
        return fields;
    }

    private static Change noWrite(PreparedPostback pb, Outcome outcome, Lead lead, String message) {
        return new Change(outcome, lead, new Effects(pb.journal(lead.id(), outcome, null, message), List.of(), List.of()), null);
    }
}

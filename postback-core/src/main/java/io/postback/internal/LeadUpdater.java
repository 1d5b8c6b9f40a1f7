package io.postback.internal;

import io.postback.TransitionPolicy;
import io.postback.model.Booking;
import io.postback.model.ErrorCode;
import io.postback.model.Goal;
import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.model.LeadState;
import io.postback.model.Outcome;
import io.postback.model.Status;
import io.postback.spi.Effects;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The change a STATUS postback makes to a found lead (rules §4–§7), or why it makes none. */
final class LeadUpdater {

    private final MoneyRules money;
    private final TransitionPolicy transitions;
    private final LeadEvents events;

    LeadUpdater(MoneyRules money, TransitionPolicy transitions, LeadEvents events) {
        this.money = money;
        this.transitions = transitions;
        this.events = events;
    }

    /** What to do with the lead: write {@code effects}, or answer {@code outcome} without writing. */
    record Change(Outcome outcome, Lead lead, Effects effects) {
        boolean writes() {
            return outcome == Outcome.UPDATED;
        }
    }

    Change change(PreparedPostback pb, Lead lead) throws Rejection {
        LeadState before = lead.state();
        Trace trace = pb.trace();
        Instant time = pb.params().time;
        if (time != null && before.advertiserTime().isPresent() && time.isBefore(before.advertiserTime().get())) {
            trace.add("stale", "'time' ", time, " is older than the lead's last change at ", before.advertiserTime().get());
            return noWrite(pb, Outcome.STALE, lead, "older than the lead's last change");
        }
        Status target = pb.status() != null ? pb.status() : before.status();
        if (target != before.status() && !transitions.allows(before.status(), target)) {
            trace.add("stale", "the transition policy refuses ", before.status().wireName(), " -> ", target.wireName());
            return noWrite(pb, Outcome.STALE, lead,
                    "a " + before.status().wireName() + " lead does not move back to " + target.wireName());
        }
        LeadState after = newState(pb, lead, target);
        if (after.sameContentAs(before)) {
            trace.add("unchanged", "the lead already is ", before.status().wireName(), " with this goal and money");
            return noWrite(pb, Outcome.UNCHANGED, lead, "nothing to change");
        }
        List<Booking> bookings = Ledger.bookings(before, after);
        for (Booking b : bookings) {
            trace.add("booking", () -> b.party().name().toLowerCase(Locale.ROOT) + " " + b.amount() + " ("
                    + b.reason().name().toLowerCase(Locale.ROOT) + ")");
        }
        JournalEntry journal = pb.journal(lead.id(), Outcome.UPDATED, null, "lead updated");
        Effects effects = new Effects(journal, bookings, events.of(lead.id(), lead.offerId(), before, after, bookings, pb.now()));
        return new Change(Outcome.UPDATED, lead.withState(after), effects);
    }

    private LeadState newState(PreparedPostback pb, Lead lead, Status target) throws Rejection {
        LeadState before = lead.state();
        MoneyRules.Amounts amounts;
        Goal goal;
        if (pb.goal() != null || pb.reported().any()) {
            goal = pb.goal() != null ? pb.goal() : pb.offer().goal(before.goal()).orElseThrow(() -> new Rejection(ErrorCode.GOAL,
                    "the lead's goal '" + before.goal() + "' is no longer in the catalog; send 'goal'"));
            amounts = money.compute(pb.offer(), goal, lead.flowId(), lead.webmasterId(), before, pb.reported(), pb.trace());
        } else {
            goal = null;
            amounts = new MoneyRules.Amounts(before.payout(), before.payoutSource(), before.commission(),
                    before.commissionSource());
        }
        Optional<Instant> advertiserTime = before.advertiserTime();
        Instant time = pb.params().time;
        if (time != null && (advertiserTime.isEmpty() || time.isAfter(advertiserTime.get()))) {
            advertiserTime = Optional.of(time);
        }
        String comment = pb.params().comment;
        return new LeadState(target, goal == null ? before.goal() : goal.id(), amounts.payout(), amounts.payoutSource(),
                amounts.commission(), amounts.commissionSource(),
                pb.reported().conversion() != null ? Optional.of(pb.reported().conversion()) : before.conversion(),
                advertiserTime, comment != null ? Optional.of(comment) : before.comment(), pb.now(),
                withSent(before.fields(), pb.fields()));
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
        return new Change(outcome, lead, new Effects(pb.journal(lead.id(), outcome, null, message), List.of(), List.of()));
    }
}

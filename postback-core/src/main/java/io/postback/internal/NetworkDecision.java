package io.postback.internal;

import io.postback.model.Cap;
import io.postback.model.Goal;
import io.postback.model.HeldApproval;
import io.postback.model.LeadState;
import io.postback.model.Rule;
import io.postback.model.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the network's rules make of a lead's next state (rules §13–§14), in their order: the
 * postback controls may replace the status, an approval of a goal with a hold period becomes a
 * hold, and the caps the result counts in take their slots. A lead a full cap turned away gets the
 * cap's status and skips all three.
 */
final class NetworkDecision {

    /**
     * @param notes what decided, for the journal's message ("rule 'big-deposit': hold"); usually empty
     */
    record Decided(LeadState state, CapCounting.Plan caps, List<String> notes) {

        /** The journal's message: {@code base}, then what decided. */
        String message(String base) {
            return notes.isEmpty() ? base : base + "; " + String.join("; ", notes);
        }
    }

    private NetworkDecision() {
    }

    /**
     * @param before       the lead before the postback, null for a new lead
     * @param proposed     the lead as the postback asks for it, in its target status
     * @param turnedAwayBy the cap that had no room for {@code proposed}, or null
     */
    static Decided decide(PreparedPostback pb, LeadState before, LeadState proposed, OptionalLong flow, OptionalLong webmaster,
                          Cap turnedAwayBy) throws Rejection {
        List<String> notes = List.of();
        Status target = proposed.status();
        Optional<HeldApproval> held = Optional.empty();
        if (turnedAwayBy != null) {
            target = turnedAwayBy.over().status().orElseThrow();
            notes = List.of(turnedAwayBy.describe() + " is full: " + target.wireName());
            pb.trace().add("cap", turnedAwayBy.describe(), " is full: the lead is stored in ", target.wireName(), " instead");
        } else {
            Optional<Rule> rule = PostbackControls.decide(pb, proposed.goal(), target, flow, webmaster, proposed.fields());
            if (rule.isPresent()) {
                target = rule.get().then().status().orElseThrow();
                notes = new ArrayList<>(2);
                notes.add("rule '" + rule.get().name() + "': " + target.wireName());
            }
            Goal goal = pb.offer().goal(proposed.goal()).orElse(null);
            if (goal != null && !pb.received().mode().forced()) { // a forced correction approves at once (rules §13)
                held = HoldPeriods.held(goal, before, target, eventTime(pb), pb.trace());
            }
            if (held.isPresent() && (before == null || !held.equals(before.held()))) {
                notes = new ArrayList<>(notes);
                notes.add("held until " + held.get().releaseAt());
            }
        }
        LeadState state = proposed.withStatus(held.isPresent() ? Status.HOLD : target, held);
        CapCounting.Plan caps = CapCounting.plan(pb.offer(), before, state, flow, webmaster, pb.now(), turnedAwayBy != null,
                pb.trace());
        return new Decided(state.withCapSlots(caps.slots()), caps, notes);
    }

    /** When the lead would have entered approve: the postback's {@code time}, else its arrival (rules §13). */
    private static Instant eventTime(PreparedPostback pb) {
        return pb.params().time != null ? pb.params().time : pb.now();
    }
}

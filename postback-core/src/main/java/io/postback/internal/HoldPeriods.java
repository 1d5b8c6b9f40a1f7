package io.postback.internal;

import io.postback.model.Goal;
import io.postback.model.HeldApproval;
import io.postback.model.LeadState;
import io.postback.model.Status;
import java.time.Instant;
import java.util.Optional;

/**
 * Rules §13: a lead of a goal with a hold period that would enter {@code approve} enters
 * {@code hold} until its release time instead; {@code releaseDue} approves it then.
 */
final class HoldPeriods {

    private HoldPeriods() {
    }

    /**
     * The held approval the lead gets instead of {@code target}; empty when the lead takes
     * {@code target} as it is.
     *
     * @param before    the lead before the postback, null for a new lead
     * @param eventTime the postback's {@code time}, else its arrival
     */
    static Optional<HeldApproval> held(Goal goal, LeadState before, Status target, Instant eventTime, Trace trace) {
        if (target != Status.APPROVE || (before != null && before.status() == Status.APPROVE)) {
            return Optional.empty();
        }
        if (before != null && before.held().isPresent()) {
            Instant approvedAt = before.held().get().approvedAt();
            if (goal.holdPeriod().isEmpty()) {
                trace.add("hold", "goal '", goal.id(), "' has no hold period: the held lead is approved now");
                return Optional.empty();
            }
            HeldApproval held = new HeldApproval(approvedAt, approvedAt.plus(goal.holdPeriod().get()));
            if (!held.equals(before.held().get())) {
                trace.add("hold", "goal '", goal.id(), "': the release moves to ", held.releaseAt(), ", counted from the approve at ",
                        approvedAt);
            }
            return Optional.of(held);
        }
        if (goal.holdPeriod().isEmpty()) {
            return Optional.empty();
        }
        HeldApproval held = new HeldApproval(eventTime, eventTime.plus(goal.holdPeriod().get()));
        trace.add("hold", "goal '", goal.id(), "' holds approvals for ", goal.holdPeriod().get(), ": hold until ", held.releaseAt());
        return Optional.of(held);
    }
}

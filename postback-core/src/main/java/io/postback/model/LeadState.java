package io.postback.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The changeable part of a lead: status, goal and money. Money is in the offer's currency.
 *
 * @param advertiserTime the latest {@code time} a postback that changed the lead carried (rules §7)
 * @param fields         the offer's declared fields the lead carries (rules §11), ordered by name
 * @param held           while the lead is {@code hold} waiting out its goal's hold period: when it is released (rules §13)
 * @param added          the money repeat conversions added (rules §12); part of {@code payout} and {@code commission}
 * @param capSlots       the slots of caps counting {@code approve} the lead holds (rules §14)
 */
public record LeadState(
        Status status,
        String goal,
        Money payout,
        AmountSource payoutSource,
        Money commission,
        AmountSource commissionSource,
        Optional<ExchangeRate> conversion,
        Optional<Instant> advertiserTime,
        Optional<String> comment,
        Instant updatedAt,
        Map<String, String> fields,
        Optional<HeldApproval> held,
        Added added,
        List<CapSlot> capSlots) {

    public LeadState {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(payout, "payout");
        Objects.requireNonNull(payoutSource, "payoutSource");
        Objects.requireNonNull(commission, "commission");
        Objects.requireNonNull(commissionSource, "commissionSource");
        Objects.requireNonNull(conversion, "conversion");
        Objects.requireNonNull(advertiserTime, "advertiserTime");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(updatedAt, "updatedAt");
        fields = LeadFields.sorted(Objects.requireNonNull(fields, "fields"));
        Objects.requireNonNull(held, "held");
        Objects.requireNonNull(added, "added");
        capSlots = List.copyOf(Objects.requireNonNull(capSlots, "capSlots"));
        if (held.isPresent() && status != Status.HOLD) {
            throw new IllegalArgumentException("only a lead in hold waits for a release, not one in " + status.wireName());
        }
    }

    /** A lead without a hold period, repeat conversions or cap slots. */
    public LeadState(Status status, String goal, Money payout, AmountSource payoutSource, Money commission,
                     AmountSource commissionSource, Optional<ExchangeRate> conversion, Optional<Instant> advertiserTime,
                     Optional<String> comment, Instant updatedAt, Map<String, String> fields) {
        this(status, goal, payout, payoutSource, commission, commissionSource, conversion, advertiserTime, comment, updatedAt,
                fields, Optional.empty(), Added.none(payout.currency()), List.of());
    }

    /** This state in {@code newStatus}, waiting for a release or not. */
    public LeadState withStatus(Status newStatus, Optional<HeldApproval> newHeld) {
        if (newStatus == status && newHeld.equals(held)) {
            return this;
        }
        return new LeadState(newStatus, goal, payout, payoutSource, commission, commissionSource, conversion, advertiserTime,
                comment, updatedAt, fields, newHeld, added, capSlots);
    }

    /** This state holding these cap slots. */
    public LeadState withCapSlots(List<CapSlot> slots) {
        if (slots.equals(capSlots)) {
            return this;
        }
        return new LeadState(status, goal, payout, payoutSource, commission, commissionSource, conversion, advertiserTime,
                comment, updatedAt, fields, held, added, slots);
    }

    /** This state with money added by a repeat conversion (rules §12). */
    public LeadState plus(Added more) {
        if (more.isZero()) {
            return this;
        }
        return new LeadState(status, goal, payout.plus(more.payout()), payoutSource, commission.plus(more.commission()),
                commissionSource, conversion, advertiserTime, comment, updatedAt, fields, held, added.plus(more), capSlots);
    }

    /** The conversion itself: this state without what repeat conversions added (rules §12). */
    public LeadState withoutAdded() {
        if (added.isZero()) {
            return this;
        }
        return new LeadState(status, goal, payout.minus(added.payout()), payoutSource, commission.minus(added.commission()),
                commissionSource, conversion, advertiserTime, comment, updatedAt, fields, held,
                Added.none(payout.currency()), capSlots);
    }

    /**
     * The status the advertiser gave the lead: {@code approve} for a lead held by its goal's hold
     * period (rules §13), else its status. Transitions (rules §7) are judged from it.
     */
    public Status advertiserStatus() {
        return held.isPresent() ? Status.APPROVE : status;
    }

    /** What the lead currently earns for a party: its amount while approved, zero otherwise. */
    public Money earned(Party party) {
        Money amount = party == Party.ADVERTISER ? payout : commission;
        return status == Status.APPROVE ? amount : Money.zero(amount.currency());
    }

    /**
     * Whether the two states are the same for the sender: advertiser time and update time are
     * bookkeeping, so a postback that would change only them is {@code unchanged}.
     */
    public boolean sameContentAs(LeadState other) {
        return status == other.status
                && goal.equals(other.goal)
                && payout.equals(other.payout)
                && payoutSource == other.payoutSource
                && commission.equals(other.commission)
                && commissionSource == other.commissionSource
                && conversion.equals(other.conversion)
                && comment.equals(other.comment)
                && fields.equals(other.fields)
                && held.equals(other.held)
                && added.equals(other.added)
                && capSlots.equals(other.capSlots);
    }
}

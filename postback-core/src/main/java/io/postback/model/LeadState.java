package io.postback.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The changeable part of a lead: status, goal and money. Money is in the offer's currency.
 *
 * @param advertiserTime the latest {@code time} a postback that changed the lead carried (rules §7)
 * @param fields         the offer's declared fields the lead carries (rules §11), ordered by name
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
        Map<String, String> fields) {

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
                && fields.equals(other.fields);
    }
}

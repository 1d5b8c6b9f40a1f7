package io.postback.model;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Set;

/**
 * A goal of an offer with its aliases and commission rule.
 *
 * @param payout the advertiser payout in the offer's currency
 */
public record Goal(String id, Set<String> aliases, BigDecimal payout, WebmasterRate rate) {
    public Goal {
        Objects.requireNonNull(id, "id");
        aliases = Set.copyOf(Objects.requireNonNull(aliases, "aliases"));
        Objects.requireNonNull(payout, "payout");
        Objects.requireNonNull(rate, "rate");
        if (id.isBlank()) {
            throw new IllegalArgumentException("goal id must not be blank");
        }
        payout = Money.scaled(payout, "payout of goal " + id);
        if (payout.signum() < 0) {
            throw new IllegalArgumentException("payout of goal " + id + " must not be negative: " + payout);
        }
        if (payout.stripTrailingZeros().scale() > Money.SCALE) {
            throw new IllegalArgumentException("payout of goal " + id + " has more than " + Money.SCALE
                    + " decimal places: " + payout.toPlainString());
        }
    }

    public static Goal of(String id, String payout, WebmasterRate rate, String... aliases) {
        return new Goal(id, Set.of(aliases), new BigDecimal(payout), rate);
    }
}

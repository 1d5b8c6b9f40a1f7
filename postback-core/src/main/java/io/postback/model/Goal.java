package io.postback.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A goal of an offer with its aliases and commission rule.
 *
 * @param payout     the advertiser payout in the offer's currency
 * @param repeat     what a second conversion of the goal for one click means (rules §12); empty:
 *                   the host's {@code DuplicatePolicy} decides
 * @param holdPeriod how long an approval of the goal is held before it counts (rules §13); at least a second
 */
public record Goal(String id, Set<String> aliases, BigDecimal payout, WebmasterRate rate, Optional<Repeat> repeat,
                   Optional<Duration> holdPeriod) {
    public Goal {
        Objects.requireNonNull(id, "id");
        aliases = Set.copyOf(Objects.requireNonNull(aliases, "aliases"));
        Objects.requireNonNull(payout, "payout");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(repeat, "repeat");
        Objects.requireNonNull(holdPeriod, "holdPeriod");
        if (holdPeriod.isPresent() && holdPeriod.get().compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("hold period of goal " + id + " must be at least 1 second: " + holdPeriod.get());
        }
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

    /** A goal with the host's duplicate policy and no hold period. */
    public Goal(String id, Set<String> aliases, BigDecimal payout, WebmasterRate rate) {
        this(id, aliases, payout, rate, Optional.empty(), Optional.empty());
    }

    public Goal withRepeat(Repeat newRepeat) {
        return new Goal(id, aliases, payout, rate, Optional.of(newRepeat), holdPeriod);
    }

    public Goal withHoldPeriod(Duration period) {
        return new Goal(id, aliases, payout, rate, repeat, Optional.of(period));
    }

    public static Goal of(String id, String payout, WebmasterRate rate, String... aliases) {
        return new Goal(id, Set.of(aliases), new BigDecimal(payout), rate);
    }
}

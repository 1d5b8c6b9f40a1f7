package io.postback.model;

import java.math.BigDecimal;
import java.util.Objects;

/** How a webmaster's commission is computed: a fixed amount (CPA) or a share of the payout (RevShare). */
public sealed interface WebmasterRate {

    /** A fixed commission in the offer's currency. */
    record Fixed(BigDecimal amount) implements WebmasterRate {
        public Fixed {
            amount = Money.scaled(Objects.requireNonNull(amount, "amount"), "fixed commission");
            if (amount.signum() < 0) {
                throw new IllegalArgumentException("fixed commission must not be negative: " + amount);
            }
            if (amount.stripTrailingZeros().scale() > Money.SCALE) {
                throw new IllegalArgumentException("fixed commission has more than " + Money.SCALE + " decimal places: "
                        + amount.toPlainString());
            }
        }
    }

    /** A percentage (0..100) of the advertiser payout. */
    record RevShare(BigDecimal percent) implements WebmasterRate {
        public RevShare {
            Objects.requireNonNull(percent, "percent");
            if (percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
                throw new IllegalArgumentException("revshare percent must be within 0..100: " + percent);
            }
        }
    }

    static WebmasterRate fixed(String amount) {
        return new Fixed(new BigDecimal(amount));
    }

    static WebmasterRate revShare(String percent) {
        return new RevShare(new BigDecimal(percent));
    }
}

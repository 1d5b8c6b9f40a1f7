package io.postback.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;

/** The exchange rate used to bring a reported amount into the offer's currency, kept with the lead. */
public record Conversion(Currency from, Currency to, BigDecimal rate, String source, Instant asOf) {
    public Conversion {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(asOf, "asOf");
        if (rate.signum() <= 0) {
            throw new IllegalArgumentException("rate must be positive: " + rate);
        }
    }
}

package io.postback.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;

/** One unit of {@code from} costs {@code rate} units of {@code to}, as {@code source} said at {@code asOf}. */
public record ExchangeRate(Currency from, Currency to, BigDecimal rate, String source, Instant asOf) {
    public ExchangeRate {
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

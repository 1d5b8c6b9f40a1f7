package io.postback.rates;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.Objects;

/**
 * One row of a rates table (docs/rates.md): from {@code validFrom} on, until a newer row of the
 * same pair, 1 {@code base} = {@code rate} {@code quote}, as {@code source} said.
 *
 * <p>The rate is positive, with at most {@value #MAX_DIGITS} digits before and after the decimal
 * point (the column is {@code DECIMAL(24, 12)}), and is kept without trailing zeros, so that
 * {@code 1.0510} and {@code 1.051} are one rate. {@code validFrom} is kept to the microsecond, as
 * every database holds it, between the years 1900 and 9999. The source names where the rate came
 * from ({@code ecb}): 1 to {@value #MAX_SOURCE} printable ASCII characters.
 */
public record RateRow(Currency base, Currency quote, BigDecimal rate, Instant validFrom, String source) {

    /** Digits allowed before, and after, the decimal point of a rate. */
    public static final int MAX_DIGITS = 12;
    public static final int MAX_SOURCE = 64;
    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    public RateRow {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(quote, "quote");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(source, "source");
        if (base.equals(quote)) {
            throw new IllegalArgumentException("a rate needs two currencies: " + base + "/" + quote);
        }
        rate = normalized(rate);
        validFrom = validFrom.truncatedTo(ChronoUnit.MICROS);
        if (validFrom.isBefore(EARLIEST) || validFrom.isAfter(LATEST)) {
            throw new IllegalArgumentException("valid from must be between the years 1900 and 9999: " + validFrom);
        }
        if (source.isEmpty() || source.length() > MAX_SOURCE || !source.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("a source is 1 to " + MAX_SOURCE + " printable ASCII characters: '"
                    + (source.length() > MAX_SOURCE ? source.substring(0, MAX_SOURCE) + "..." : source) + "'");
        }
    }

    /**
     * The rate without trailing zeros (never with a negative scale).
     *
     * @throws IllegalArgumentException for a rate that is not positive or has too many digits
     */
    static BigDecimal normalized(BigDecimal rate) {
        if (rate.signum() <= 0) {
            throw new IllegalArgumentException("a rate must be positive: " + rate.toPlainString());
        }
        BigDecimal stripped = rate.stripTrailingZeros();
        if (stripped.scale() < 0) {
            stripped = stripped.setScale(0);
        }
        if (stripped.scale() > MAX_DIGITS || stripped.precision() - stripped.scale() > MAX_DIGITS) {
            throw new IllegalArgumentException("a rate has at most " + MAX_DIGITS + " digits before and after the point: "
                    + rate.toPlainString());
        }
        return stripped;
    }

    /** {@code EUR/USD}, base first. */
    public String pair() {
        return base.getCurrencyCode() + "/" + quote.getCurrencyCode();
    }
}

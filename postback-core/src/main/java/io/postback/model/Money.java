package io.postback.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount in a currency. Amounts are kept at {@value #SCALE} decimal places, the most rules §6
 * accepts, so that a value read back from a database equals the value written.
 */
public record Money(BigDecimal amount, Currency currency) {

    public static final int SCALE = 8;
    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        if (amount.scale() != SCALE) {
            amount = amount.setScale(SCALE, RoundingMode.UNNECESSARY);
        }
    }

    /**
     * The amount at {@value #SCALE} decimal places, so that money built from it needs no rescaling.
     *
     * @throws IllegalArgumentException if it has more decimal places than money may have
     */
    public static BigDecimal scaled(BigDecimal amount, String what) {
        if (amount.scale() == SCALE) {
            return amount;
        }
        try {
            return amount.setScale(SCALE, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(what + " has more than " + SCALE + " decimal places: " + amount);
        }
    }

    public static Money of(String amount, String currency) {
        return new Money(new BigDecimal(amount), Currency.getInstance(currency));
    }

    public static Money of(BigDecimal amount, Currency currency) {
        return new Money(amount, currency);
    }

    public static Money zero(Currency currency) {
        return new Money(ZERO, currency);
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    public Money negate() {
        return new Money(amount.negate(), currency);
    }

    /** The amount without trailing zeros but with at least the currency's minor digits, e.g. {@code 50.00}. */
    public String toPlainString() {
        int minor = Math.max(currency.getDefaultFractionDigits(), 0);
        BigDecimal stripped = amount.stripTrailingZeros();
        if (stripped.scale() < minor) {
            stripped = stripped.setScale(minor, RoundingMode.UNNECESSARY);
        }
        return stripped.toPlainString();
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: " + currency + " and " + other.currency);
        }
    }

    @Override
    public String toString() {
        return toPlainString() + " " + currency.getCurrencyCode();
    }
}

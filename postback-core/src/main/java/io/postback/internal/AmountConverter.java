package io.postback.internal;

import io.postback.model.ExchangeRate;
import io.postback.model.ErrorCode;
import io.postback.model.Money;
import io.postback.model.Offer;
import io.postback.spi.CurrencyConverter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;

/**
 * Rules §6: brings {@code pay} and {@code wm} into the offer's currency through the host's converter,
 * at the rate valid at the postback's event time (rules §6.9).
 */
final class AmountConverter {

    private final CurrencyConverter converter;

    AmountConverter(CurrencyConverter converter) {
        this.converter = converter;
    }

    /** @param received when the postback arrived: the event time of a postback without {@code time} */
    ReportedAmounts convert(ValidatedParams p, Offer offer, Instant received, Trace trace) throws Rejection {
        if (!p.changesMoney()) {
            return ReportedAmounts.NONE;
        }
        Currency target = offer.currency();
        Currency reported = p.currency == null ? target : p.currency;
        if (reported.equals(target)) {
            return new ReportedAmounts(money(p.pay, target), money(p.wm, target), null);
        }
        Optional<ExchangeRate> found = converter.rate(reported, target, p.time != null ? p.time : received);
        if (found.isEmpty()) {
            throw new Rejection(ErrorCode.CURRENCY, "no exchange rate from " + reported.getCurrencyCode() + " to "
                    + target.getCurrencyCode() + ", the currency of offer " + offer.id());
        }
        ExchangeRate rate = found.get();
        trace.add("conversion", () -> "1 " + reported + " = " + rate.rate().toPlainString() + " " + target
                + " (" + rate.source() + ", " + rate.asOf() + ")");
        return new ReportedAmounts(converted(p.pay, rate, target), converted(p.wm, rate, target), rate);
    }

    private static Money money(BigDecimal amount, Currency currency) {
        return amount == null ? null : new Money(amount, currency);
    }

    private static Money converted(BigDecimal amount, ExchangeRate rate, Currency target) {
        if (amount == null) {
            return null;
        }
        return new Money(amount.multiply(rate.rate()).setScale(Money.SCALE, RoundingMode.HALF_UP), target);
    }
}

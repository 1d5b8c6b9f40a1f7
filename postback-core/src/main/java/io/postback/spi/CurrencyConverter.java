package io.postback.spi;

import io.postback.model.ExchangeRate;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;

/** Optional: exchange rates for amounts reported in another currency than the offer's. */
@FunctionalInterface
public interface CurrencyConverter {

    /** Converts nothing: a postback in a foreign currency is rejected ({@code currency}). */
    CurrencyConverter NONE = (from, to, at) -> Optional.empty();

    Optional<ExchangeRate> rate(Currency from, Currency to, Instant at);
}

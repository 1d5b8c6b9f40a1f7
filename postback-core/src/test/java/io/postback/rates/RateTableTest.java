package io.postback.rates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postback.model.ExchangeRate;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rates table of docs/rates.md: the row valid at an instant, direct, inverse and cross rates. */
class RateTableTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency USD = Currency.getInstance("USD");
    private static final Currency GBP = Currency.getInstance("GBP");
    private static final Currency JPY = Currency.getInstance("JPY");
    private static final Currency CHF = Currency.getInstance("CHF");
    private static final Instant DEC_3 = Instant.parse("2026-12-03T00:00:00Z");
    private static final Instant DEC_4 = Instant.parse("2026-12-04T00:00:00Z");

    private static RateRow row(Currency base, Currency quote, String rate, Instant validFrom) {
        return new RateRow(base, quote, new BigDecimal(rate), validFrom, "ecb");
    }

    private final RateTable ecb = RateTable.of(List.of(
            row(EUR, USD, "1.0500", DEC_3), row(EUR, USD, "1.0510", DEC_4),
            row(EUR, GBP, "0.8300", DEC_3), row(EUR, GBP, "0.8400", DEC_4),
            row(EUR, JPY, "160.12", DEC_4)));

    @Test
    void theNewestRowValidAtTheInstantIsTaken() {
        assertThat(ecb.rate(EUR, USD, DEC_4.minusNanos(1000))).hasValue(new ExchangeRate(EUR, USD, new BigDecimal("1.05"), "ecb", DEC_3));
        assertThat(ecb.rate(EUR, USD, DEC_4)).hasValue(new ExchangeRate(EUR, USD, new BigDecimal("1.051"), "ecb", DEC_4));
        assertThat(ecb.rate(EUR, USD, Instant.parse("2030-01-01T00:00:00Z")).orElseThrow().asOf()).isEqualTo(DEC_4);
    }

    @Test
    void beforeTheFirstRowThereIsNoRate() {
        assertThat(ecb.rate(EUR, USD, DEC_3.minusSeconds(1))).isEmpty();
        assertThat(ecb.rate(USD, GBP, DEC_3.minusSeconds(1))).isEmpty();
        assertThat(ecb.rate(EUR, CHF, DEC_4)).as("a currency without rows").isEmpty();
        assertThat(RateTable.empty().rate(EUR, USD, DEC_4)).isEmpty();
    }

    @Test
    void theOppositePairIsInvertedToTwentySignificantDigitsHalfUp() {
        ExchangeRate usdEur = ecb.rate(USD, EUR, DEC_4).orElseThrow();

        // 1 / 1.051 = 0.95147478591817316841103710751...
        assertThat(usdEur.rate()).isEqualTo(new BigDecimal("0.95147478591817316841"));
        assertThat(usdEur.rate().precision()).isEqualTo(RateTable.DERIVED_DIGITS);
        assertThat(usdEur.source()).isEqualTo("ecb (inverse of EUR/USD)");
        assertThat(usdEur.asOf()).isEqualTo(DEC_4);
        assertThat(ecb.rate(GBP, EUR, DEC_4).orElseThrow().rate()).as("1 / 0.84, rounded up").isEqualTo(new BigDecimal("1.1904761904761904762"));
        assertThat(RateTable.of(List.of(row(EUR, USD, "0.8", DEC_4))).rate(USD, EUR, DEC_4).orElseThrow().rate())
                .as("an exact quotient keeps its digits").isEqualTo(new BigDecimal("1.25"));
    }

    @Test
    void aCrossRateGoesThroughTheCommonBase() {
        ExchangeRate usdGbp = ecb.rate(USD, GBP, DEC_4).orElseThrow();

        // 1 USD = 0.84 / 1.051 GBP = 0.79923882017126546147...
        assertThat(usdGbp.rate()).isEqualTo(new BigDecimal("0.79923882017126546147"));
        assertThat(usdGbp.source()).isEqualTo("ecb (cross EUR/GBP over EUR/USD)");
        assertThat(usdGbp.asOf()).isEqualTo(DEC_4);
        assertThat(ecb.rate(GBP, USD, DEC_3).orElseThrow().rate()).as("1.05 / 0.83").isEqualTo(new BigDecimal("1.2650602409638554217"));
        assertThat(ecb.rate(USD, JPY, DEC_4).orElseThrow().rate()).as("160.12 / 1.051").isEqualTo(new BigDecimal("152.35014272121788773"));
    }

    @Test
    void aCrossRateIsAsOldAsItsOlderLegAndTheNewestBaseWins() {
        RateTable table = RateTable.of(List.of(row(EUR, USD, "1.05", DEC_4), row(EUR, GBP, "0.83", DEC_3),
                row(CHF, USD, "1.10", DEC_3), row(CHF, GBP, "0.90", DEC_3)));

        ExchangeRate rate = table.rate(USD, GBP, DEC_4).orElseThrow();

        assertThat(rate.asOf()).isEqualTo(DEC_3);
        assertThat(rate.source()).as("of two bases as new, the first by code").contains("CHF/GBP");
        RateTable newerEuro = RateTable.of(List.of(row(EUR, USD, "1.05", DEC_4), row(EUR, GBP, "0.83", DEC_4),
                row(CHF, USD, "1.10", DEC_3), row(CHF, GBP, "0.90", DEC_3)));
        assertThat(newerEuro.rate(USD, GBP, DEC_4).orElseThrow().source()).contains("EUR/GBP over EUR/USD");
    }

    @Test
    void theDirectPairWinsOverItsInverseAndCrossRates() {
        RateTable table = RateTable.of(List.of(row(USD, GBP, "0.7", DEC_3), row(GBP, USD, "1.5", DEC_4),
                row(EUR, USD, "1.05", DEC_4), row(EUR, GBP, "0.84", DEC_4)));

        assertThat(table.rate(USD, GBP, DEC_4).orElseThrow().rate()).isEqualTo(new BigDecimal("0.7"));
        assertThat(table.rate(USD, GBP, DEC_3.minusSeconds(1))).isEmpty();
    }

    @Test
    void crossRatesOfDifferentSourcesNameBoth() {
        RateTable table = RateTable.of(List.of(row(EUR, USD, "1.05", DEC_4),
                new RateRow(EUR, GBP, new BigDecimal("0.84"), DEC_4, "manual")));

        assertThat(table.rate(USD, GBP, DEC_4).orElseThrow().source()).isEqualTo("manual+ecb (cross EUR/GBP over EUR/USD)");
    }

    @Test
    void aLaterRowOfTheSamePairAndTimeReplacesTheEarlierAndRowsAreSorted() {
        RateTable table = RateTable.of(List.of(row(EUR, USD, "1.05", DEC_4), row(EUR, GBP, "0.84", DEC_4), row(EUR, USD, "1.06", DEC_4)));

        assertThat(table.rows()).extracting(RateRow::pair, r -> r.rate().toPlainString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("EUR/GBP", "0.84"), org.assertj.core.groups.Tuple.tuple("EUR/USD", "1.06"));
    }

    @Test
    void aRowRefusesWhatNoTableHolds() {
        assertThatThrownBy(() -> row(EUR, EUR, "1", DEC_4)).hasMessageContaining("two currencies");
        assertThatThrownBy(() -> row(EUR, USD, "0", DEC_4)).hasMessageContaining("positive");
        assertThatThrownBy(() -> row(EUR, USD, "-1.05", DEC_4)).hasMessageContaining("positive");
        assertThatThrownBy(() -> row(EUR, USD, "0.0000000000001", DEC_4)).hasMessageContaining("at most 12 digits");
        assertThatThrownBy(() -> row(EUR, USD, "1000000000000", DEC_4)).hasMessageContaining("at most 12 digits");
        assertThatThrownBy(() -> new RateRow(EUR, USD, BigDecimal.ONE, DEC_4, "")).hasMessageContaining("source");
        assertThatThrownBy(() -> new RateRow(EUR, USD, BigDecimal.ONE, DEC_4, "x".repeat(65))).hasMessageContaining("source");
        assertThatThrownBy(() -> new RateRow(EUR, USD, BigDecimal.ONE, DEC_4, "ecb\n")).hasMessageContaining("source");
        assertThatThrownBy(() -> row(EUR, USD, "1", Instant.parse("1899-12-31T23:59:59Z"))).hasMessageContaining("1900");
        assertThat(row(EUR, USD, "1.0500", DEC_4)).isEqualTo(row(EUR, USD, "1.05", DEC_4));
        assertThat(row(EUR, USD, "1E+3", DEC_4).rate().toString()).isEqualTo("1000");
    }

    @Test
    void theSameCurrencyIsOneToOne() {
        assertThat(ecb.rate(USD, USD, DEC_4).orElseThrow().rate()).isEqualTo(BigDecimal.ONE);
    }
}

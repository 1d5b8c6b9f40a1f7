package io.postback.rates;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.Scale;

/** Properties of the rates reader and table (docs/rates.md). */
class RatesCsvProperties {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency USD = Currency.getInstance("USD");
    private static final Currency GBP = Currency.getInstance("GBP");
    private static final Instant AT = Instant.parse("2026-12-04T00:00:00Z");

    /** Whatever the text, the reader answers rows or faults, never both, and never throws. */
    @Property
    void readingNeverThrows(@ForAll String text) {
        RatesCsv.Parsed parsed = RatesCsv.read(text);

        assertThat(parsed.rows().isEmpty() || parsed.faults().isEmpty()).isTrue();
    }

    /** A header line followed by any text: still rows or faults, never an exception. */
    @Property
    void anyRowsAfterAKnownHeaderNeverThrow(@ForAll String rows, @ForAll boolean ecb) {
        RatesCsv.Parsed parsed = RatesCsv.read((ecb ? "Date, USD, GBP,\n" : "base,quote,rate,valid_from\n") + rows);

        assertThat(parsed.rows().isEmpty() || parsed.faults().isEmpty()).isTrue();
        parsed.rows().forEach(row -> assertThat(row.rate().signum()).isPositive());
    }

    /** A rate written as the file layout allows reads back as the same number. */
    @Property
    void aRateReadsBackAsWritten(@ForAll @BigRange(min = "0.000000000001", max = "999999999999") @Scale(12) BigDecimal rate) {
        RatesCsv.Parsed parsed = RatesCsv.read("Date,USD,\n2026-12-04," + rate.toPlainString() + ",\n");

        assertThat(parsed.rows()).singleElement().satisfies(row -> assertThat(row.rate()).isEqualByComparingTo(rate));
    }

    /** An inverse and a cross rate, times their legs, come back to the leg within the rounding of 20 digits. */
    @Property
    void derivedRatesAgreeWithTheirLegs(@ForAll @BigRange(min = "0.0001", max = "100000") @Scale(6) BigDecimal usd,
                                        @ForAll @BigRange(min = "0.0001", max = "100000") @Scale(6) BigDecimal gbp) {
        RateTable table = RateTable.of(List.of(new RateRow(EUR, USD, usd, AT, "ecb"), new RateRow(EUR, GBP, gbp, AT, "ecb")));

        BigDecimal usdEur = table.rate(USD, EUR, AT).orElseThrow().rate();
        BigDecimal usdGbp = table.rate(USD, GBP, AT).orElseThrow().rate();

        BigDecimal tolerance = new BigDecimal("1E-18");
        assertThat(usdEur.multiply(usd).subtract(BigDecimal.ONE).abs()).isLessThanOrEqualTo(tolerance);
        assertThat(usdGbp.multiply(usd).subtract(gbp).abs()).isLessThanOrEqualTo(gbp.multiply(tolerance));
        assertThat(usdEur.precision()).isLessThanOrEqualTo(RateTable.DERIVED_DIGITS);
    }
}

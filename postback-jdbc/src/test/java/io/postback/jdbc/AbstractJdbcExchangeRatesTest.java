package io.postback.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postback.PostbackProcessor;
import io.postback.PostbackRequest;
import io.postback.PostbackResult;
import io.postback.jdbc.testing.TestDatabases;
import io.postback.model.Action;
import io.postback.model.ExchangeRate;
import io.postback.model.Money;
import io.postback.rates.RateRow;
import io.postback.rates.RatesCsv;
import io.postback.testing.MutableClock;
import io.postback.testing.TestCatalog;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The exchange rates table and its converter (docs/rates.md), on each database. */
abstract class AbstractJdbcExchangeRatesTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency USD = Currency.getInstance("USD");
    private static final Currency GBP = Currency.getInstance("GBP");
    private static final Instant DEC_3 = Instant.parse("2026-12-03T00:00:00Z");
    private static final Instant DEC_4 = Instant.parse("2026-12-04T00:00:00Z");
    private static final String ECB_HISTORY = """
            Date,USD,JPY,GBP,CYP,
            2026-12-04,1.0510,160.12,0.8400,N/A,
            2026-12-03,1.0500,159.90,0.8300,N/A,
            """;

    /** A new database with the schema. */
    protected abstract DataSource database();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T00:00:00Z"));

    private static List<RateRow> rows(String csv) {
        RatesCsv.Parsed parsed = RatesCsv.read(csv);
        assertThat(parsed.faults()).isEmpty();
        return parsed.rows();
    }

    private JdbcExchangeRates rates(DataSource db) {
        return JdbcExchangeRates.builder(db).clock(clock).build();
    }

    @Test
    void loadingTheSameFileTwiceChangesNothing() {
        DataSource db = database();
        JdbcExchangeRates rates = rates(db);

        JdbcExchangeRates.Loaded first = rates.load(rows(ECB_HISTORY));
        JdbcExchangeRates.Loaded second = rates.load(rows(ECB_HISTORY));

        assertThat(first).isEqualTo(new JdbcExchangeRates.Loaded(6, 0, 0));
        assertThat(second).isEqualTo(new JdbcExchangeRates.Loaded(0, 0, 6));
        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_exchange_rate")).isEqualTo(6);
        assertThat(rates.snapshot().rows()).containsExactlyInAnyOrderElementsOf(rows(ECB_HISTORY));
    }

    @Test
    void aChangedRateForTheSamePairAndTimeReplacesTheRow() {
        DataSource db = database();
        JdbcExchangeRates rates = rates(db);
        rates.load(rows(ECB_HISTORY));

        JdbcExchangeRates.Loaded corrected = rates.load(rows("Date,USD,GBP,\n2026-12-04,1.0520,0.8400,\n2026-12-05,1.06,0.85,\n"));

        assertThat(corrected).isEqualTo(new JdbcExchangeRates.Loaded(2, 1, 1));
        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_exchange_rate")).isEqualTo(8);
        assertThat(rates.rate(EUR, USD, DEC_4)).hasValue(new ExchangeRate(EUR, USD, new BigDecimal("1.052"), "ecb", DEC_4));
        assertThat(rates.load(List.of(new RateRow(EUR, USD, new BigDecimal("1.052"), DEC_4, "manual"))))
                .as("another source is a change too").isEqualTo(new JdbcExchangeRates.Loaded(0, 1, 0));
        assertThat(rates.rate(EUR, USD, DEC_4).orElseThrow().source()).isEqualTo("manual");
    }

    @Test
    void theConverterPicksTheRateValidAtTheTimeDirectInverseAndCross() {
        JdbcExchangeRates rates = rates(database());
        rates.load(rows(ECB_HISTORY));

        assertThat(rates.rate(EUR, USD, DEC_4.minusSeconds(1))).hasValue(new ExchangeRate(EUR, USD, new BigDecimal("1.05"), "ecb", DEC_3));
        assertThat(rates.rate(USD, EUR, DEC_4).orElseThrow().rate()).isEqualTo(new BigDecimal("0.95147478591817316841"));
        assertThat(rates.rate(USD, GBP, DEC_4)).hasValue(new ExchangeRate(USD, GBP, new BigDecimal("0.79923882017126546147"),
                "ecb (cross EUR/GBP over EUR/USD)", DEC_4));
        assertThat(rates.rate(USD, GBP, DEC_3.minusSeconds(1))).as("before the first rate").isEmpty();
        assertThat(rates.rate(EUR, Currency.getInstance("CYP"), DEC_4)).as("N/A is no rate").isEmpty();
    }

    @Test
    void ratesAndTimesComeBackExactlyAsLoaded() {
        JdbcExchangeRates rates = rates(database());
        Instant micros = Instant.parse("2026-12-04T15:00:00.123456Z");
        List<RateRow> extremes = List.of(new RateRow(EUR, USD, new BigDecimal("999999999999.999999999999"), DEC_4, "ecb"),
                new RateRow(EUR, GBP, new BigDecimal("0.000000000001"), micros, "broker-x"),
                new RateRow(USD, GBP, new BigDecimal("7"), Instant.parse("1999-01-04T00:00:00Z"), "csv"));

        rates.load(extremes);

        assertThat(rates(database()).snapshot().rows()).isEmpty();
        assertThat(rates.snapshot().rows()).containsExactlyInAnyOrderElementsOf(extremes);
        assertThat(rates.load(extremes)).isEqualTo(new JdbcExchangeRates.Loaded(0, 0, 3));
    }

    @Test
    void anotherNodeSeesALoadWithinTheRefreshPeriodAndTheLoadingNodeAtOnce() {
        DataSource db = database();
        JdbcExchangeRates loader = rates(db);
        JdbcExchangeRates other = JdbcExchangeRates.builder(db).clock(clock).refreshEvery(Duration.ofSeconds(30)).build();

        loader.load(rows(ECB_HISTORY));

        assertThat(loader.rate(EUR, USD, DEC_4)).isPresent();
        assertThat(other.rate(EUR, USD, DEC_4)).as("its snapshot is not due yet").isEmpty();
        clock.advance(Duration.ofSeconds(30));
        assertThat(other.rate(EUR, USD, DEC_4)).isPresent();
    }

    @Test
    void rowsWithOnePairAndTimeTwiceAreRefusedAndNothingIsWritten() {
        DataSource db = database();
        JdbcExchangeRates rates = rates(db);

        assertThatThrownBy(() -> rates.load(List.of(new RateRow(EUR, USD, BigDecimal.ONE, DEC_4, "ecb"),
                new RateRow(EUR, USD, BigDecimal.TEN, DEC_4, "ecb")))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EUR/USD from 2026-12-04T00:00:00Z twice");
        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_exchange_rate")).isZero();
        assertThat(rates.load(List.of())).isEqualTo(new JdbcExchangeRates.Loaded(0, 0, 0));
    }

    @Test
    void aProcessorConvertsAtTheEventTimeAndTheLeadKeepsTheRate() {
        DataSource db = database();
        JdbcExchangeRates rates = rates(db);
        rates.load(rows(ECB_HISTORY));
        JdbcOfferCatalog.importCatalog(db, TestCatalog.create());
        JdbcLeadStore store = JdbcLeadStore.builder(db).build();
        PostbackProcessor processor = PostbackProcessor.builder(store, JdbcOfferCatalog.builder(db).build()).clock(clock)
                .currencyConverter(rates).build();

        PostbackResult onDec3 = processor.handle(PostbackRequest.fromQuery(Action.CREATE,
                "token=12-abc&click=r1&pay=10.50&cc=USD&time=" + DEC_4.minusSeconds(60).getEpochSecond()));
        PostbackResult now = processor.handle(PostbackRequest.fromQuery(Action.CREATE, "token=12-abc&click=r2&pay=10.51&cc=USD"));

        assertThat(onDec3.lead().orElseThrow().state().payout()).isEqualTo(Money.of("10", "EUR"));
        assertThat(store.lead(now.lead().orElseThrow().id()).orElseThrow().state()).satisfies(s -> {
            assertThat(s.payout()).isEqualTo(Money.of("10", "EUR"));
            assertThat(s.conversion()).hasValue(new ExchangeRate(USD, EUR, new BigDecimal("0.95147478591817316841"),
                    "ecb (inverse of EUR/USD)", DEC_4));
        });
    }
}

package io.postback.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.examples.testing.DemoServers;
import io.postback.examples.testing.HttpTestClient;
import io.postback.jdbc.JdbcExchangeRates;
import io.postback.jdbc.testing.TestDatabases;
import io.postback.model.ExchangeRate;
import io.postback.model.Lead;
import io.postback.model.Money;
import io.postback.rates.RateRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The demo's sample exchange rates (docs/rates.md): loaded at start, used at the postback's time, never over an operator's. */
class DemoRatesTest {

    private static final Currency USD = Currency.getInstance("USD");
    private static final Currency EUR = Currency.getInstance("EUR");

    @Test
    void aPostbackInUsdToTheSampleOfferInEurIsConvertedAtTheRateOfItsTime() throws Exception {
        try (DemoServer demo = DemoServers.start()) {
            HttpTestClient http = new HttpTestClient(demo.port());
            long nov20 = Instant.parse("2026-11-20T12:00:00Z").getEpochSecond();

            String answer = http.get("/api/site/click.json?token=12-abc&click=usd-1&goal=dep&pay=105.20&cc=USD&time=" + nov20).body();
            String tooEarly = http.get("/api/site/click.json?token=12-abc&click=usd-2&pay=10&cc=USD&time=1700000000").body();

            // The sample's EUR/USD of 2026-11-16 is 1.0520: 105.20 x (1 / 1.052) = 100.
            assertThat(answer).as("as docs/rates.md shows it").isEqualTo("{\"status\":\"ok\",\"id\":1,\"result\":\"created\","
                    + "\"lead_status\":\"new\",\"goal\":\"dep\",\"payout\":\"100.00\",\"commission\":\"30.00\",\"currency\":\"EUR\"}");
            Lead lead = demo.history().latestLeads(1).get(0);
            assertThat(lead.state().payout()).isEqualTo(Money.of("100", "EUR"));
            assertThat(lead.state().conversion()).hasValue(new ExchangeRate(USD, EUR, new BigDecimal("0.95057034220532319392"),
                    "demo-sample (inverse of EUR/USD)", Instant.parse("2026-11-16T00:00:00Z")));
            assertThat(tooEarly).contains("\"error\":\"currency\"", "no exchange rate from USD to EUR");
        }
    }

    @Test
    void theSampleLoadsOnceAndNeverOverAnOperatorsRates() throws Exception {
        DataSource db = TestDatabases.h2();

        JdbcExchangeRates first = DemoRates.open(db);
        int sample = first.snapshot().rows().size();
        JdbcExchangeRates.Loaded again = DemoRates.open(db).load(first.snapshot().rows());
        first.load(List.of(new RateRow(EUR, USD, new BigDecimal("1.2"), Instant.parse("2026-11-30T00:00:00Z"), "ecb")));
        JdbcExchangeRates afterOperator = DemoRates.open(db);

        assertThat(sample).as("5 currencies on 3 dates, one N/A").isEqualTo(14);
        assertThat(again).isEqualTo(new JdbcExchangeRates.Loaded(0, 0, sample));
        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_exchange_rate")).isEqualTo(sample);
        assertThat(afterOperator.rate(EUR, USD, Instant.parse("2026-12-01T00:00:00Z")).orElseThrow().rate())
                .as("the operator's rate stays").isEqualTo(new BigDecimal("1.2"));
    }
}

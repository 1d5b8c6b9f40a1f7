package io.postback.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postback.PostbackProcessor;
import io.postback.PostbackRequest;
import io.postback.jdbc.JdbcExchangeRates;
import io.postback.jdbc.JdbcLeadStore;
import io.postback.jdbc.testing.TestDatabases;
import io.postback.memory.InMemoryOfferCatalog;
import io.postback.model.Action;
import io.postback.model.Money;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snippets of docs/rates.md, run on H2. */
class RatesSnippetsTest {

    @Test
    void theConverterLoadsAFileAndConvertsAPostbackAtItsTime(@TempDir Path dir) throws Exception {
        DataSource db = TestDatabases.h2();
        InMemoryOfferCatalog catalog;
        try (InputStream in = io.postback.examples.demo.DemoServer.class.getResourceAsStream("sample-catalog.json")) {
            catalog = InMemoryOfferCatalog.fromJson(in);
        }
        Path file = Files.writeString(dir.resolve("eurofxref.csv"), "Date, USD, JPY, GBP, \n4 December 2026, 1.0510, 160.12, 0.8400, \n");
        Path bad = Files.writeString(dir.resolve("bad.csv"), "Date, USD, \n4 December 2026, 0, \n");
        JdbcExchangeRates rates = JdbcExchangeRates.builder(db).build();

        assertThat(RatesSnippets.load(rates, file)).isEqualTo(new JdbcExchangeRates.Loaded(3, 0, 0));
        assertThat(RatesSnippets.load(rates, file)).isEqualTo(new JdbcExchangeRates.Loaded(0, 0, 3));
        assertThatThrownBy(() -> RatesSnippets.load(rates, bad)).hasMessage("not loaded: [line 2: USD: a rate of zero]");
        PostbackProcessor processor = RatesSnippets.processor(db, JdbcLeadStore.builder(db).build(), catalog);
        var result = processor.handle(PostbackRequest.fromQuery(Action.CREATE,
                "token=12-abc&click=r1&pay=105.10&cc=USD&time=" + java.time.Instant.parse("2026-12-04T09:00:00Z").getEpochSecond()));
        assertThat(result.lead().orElseThrow().state().payout()).isEqualTo(Money.of("100", "EUR"));
    }
}

package io.postback.examples.docs;

import io.postback.PostbackProcessor;
import io.postback.jdbc.JdbcExchangeRates;
import io.postback.rates.RatesCsv;
import io.postback.spi.LeadStore;
import io.postback.spi.OfferCatalog;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/** The code docs/rates.md shows, compiled and run by RatesSnippetsTest. */
final class RatesSnippets {

    private RatesSnippets() {
    }

    static PostbackProcessor processor(DataSource dataSource, LeadStore store, OfferCatalog catalog) {
        // tag::converter[]
        JdbcExchangeRates rates = JdbcExchangeRates.builder(dataSource)
                .refreshEvery(Duration.ofMinutes(5)) // rates other nodes load are seen within 5 minutes
                .build();
        PostbackProcessor processor = PostbackProcessor.builder(store, catalog)
                .currencyConverter(rates)
                .build();
        // end::converter[]
        return processor;
    }

    static JdbcExchangeRates.Loaded load(JdbcExchangeRates rates, Path file) throws IOException {
        // tag::load[]
        RatesCsv.Parsed parsed;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            parsed = RatesCsv.read(in, Optional.empty(), Optional.empty()); // the layout told by the first line
        }
        if (!parsed.ok()) {
            throw new IllegalArgumentException("not loaded: " + parsed.faults()); // "line 3: USD: a rate of zero", ...
        }
        JdbcExchangeRates.Loaded loaded = rates.load(parsed.rows()); // one transaction; the same file again: all unchanged
        // end::load[]
        return loaded;
    }
}

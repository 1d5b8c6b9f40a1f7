package io.postback.examples.demo;

import io.postback.jdbc.JdbcExchangeRates;
import io.postback.rates.RateRow;
import io.postback.rates.RatesCsv;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's exchange rates (docs/rates.md): the converter over its database, with the bundled
 * sample rates ({@value #SAMPLE}, ECB layout, source {@value #SOURCE}) loaded at start, so that a
 * postback with {@code cc=USD} to the sample offer (in EUR) is converted. Loading them again at the
 * next start changes nothing. Once the database holds rates of another source (loaded with the
 * rates command), the sample is left out, so that it never replaces an operator's rates.
 */
final class DemoRates {

    static final String SAMPLE = "sample-rates.csv";
    static final String SOURCE = "demo-sample";
    private static final Logger LOG = LoggerFactory.getLogger("demo");

    private DemoRates() {
    }

    /** The converter, the sample loaded unless the database holds other rates. */
    static JdbcExchangeRates open(DataSource database) throws IOException {
        JdbcExchangeRates rates = JdbcExchangeRates.builder(database).build();
        Optional<RateRow> other = rates.snapshot().rows().stream().filter(r -> !r.source().equals(SOURCE)).findFirst();
        if (other.isPresent()) {
            LOG.info("exchange rates: {} in the database (not the demo's sample, which is left out)", rates.snapshot().rows().size());
            return rates;
        }
        RatesCsv.Parsed sample;
        try (InputStream in = Objects.requireNonNull(DemoRates.class.getResourceAsStream(SAMPLE), SAMPLE);
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            sample = RatesCsv.read(reader, Optional.of(RatesCsv.Format.ECB), Optional.of(SOURCE));
        }
        if (!sample.ok()) {
            throw new IllegalStateException("the bundled " + SAMPLE + " is bad: " + sample.faults());
        }
        JdbcExchangeRates.Loaded loaded = rates.load(sample.rows());
        LOG.info("exchange rates: the demo's sample, {} rates ({} added, {} unchanged)", loaded.total(), loaded.added(),
                loaded.unchanged());
        return rates;
    }
}

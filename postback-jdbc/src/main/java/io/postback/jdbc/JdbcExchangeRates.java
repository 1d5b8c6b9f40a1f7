package io.postback.jdbc;

import io.postback.jdbc.internal.ExchangeRateTable;
import io.postback.jdbc.internal.RefreshedSnapshot;
import io.postback.model.ExchangeRate;
import io.postback.rates.RateRow;
import io.postback.rates.RateTable;
import io.postback.spi.CurrencyConverter;
import io.postback.spi.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exchange rates of the database's {@code pb_exchange_rate} (docs/rates.md), as the processor's
 * {@link CurrencyConverter}: {@code PostbackProcessor.builder(...).currencyConverter(rates)}.
 *
 * <p>Postbacks never wait for a query: the converter answers from a {@link RateTable} snapshot of
 * the whole table, read when it is built, again after each {@link #load}, on {@link #refresh()},
 * and when the snapshot is older than the refresh period (1 minute unless the builder says
 * otherwise), so that rates another process loaded are seen within that period. The timed refresh
 * is made by one postback while the others go on with the snapshot they have; a failed one keeps
 * the previous snapshot and is tried again after the next period. The snapshot holds every row:
 * the ECB's whole history since 1999 is about 200,000 rows.
 *
 * <p>{@link #load} is idempotent: the same rows loaded again change nothing; a row whose pair and
 * time the table holds with another rate or source replaces it.
 */
public final class JdbcExchangeRates implements CurrencyConverter {

    public static final Duration DEFAULT_REFRESH = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(JdbcExchangeRates.class);

    /** What a load did: rows added, rows whose rate or source it replaced, rows that were there as they are. */
    public record Loaded(int added, int replaced, int unchanged) {
        public int total() {
            return added + replaced + unchanged;
        }
    }

    private final ExchangeRateTable table;
    private final Clock clock;
    private final RefreshedSnapshot<RateTable> snapshot;

    private JdbcExchangeRates(Builder b) {
        Dialect dialect = b.dialect.orElseGet(() -> JdbcLeadStore.detect(b.dataSource));
        Schema.requireInstalled(b.dataSource, dialect, Schema.RATE_TABLES, "JdbcExchangeRates");
        this.table = new ExchangeRateTable(b.dataSource, dialect);
        this.clock = b.clock;
        this.snapshot = new RefreshedSnapshot<>(() -> RateTable.of(table.readAll()), Optional.of(b.refreshEvery), b.clock, LOG,
                "the exchange rates");
    }

    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * Writes the rows, in one transaction, and reads the table again.
     *
     * @throws IllegalArgumentException when {@code rows} holds one pair and time twice with another rate or source
     * @throws StoreException           when the database fails; then nothing was written
     */
    public Loaded load(Collection<RateRow> rows) {
        Map<String, RateRow> byKey = new LinkedHashMap<>();
        for (RateRow row : rows) {
            RateRow before = byKey.putIfAbsent(ExchangeRateTable.key(Objects.requireNonNull(row, "row")), row);
            if (before != null && !before.equals(row)) {
                throw new IllegalArgumentException("the rows hold " + row.pair() + " from " + row.validFrom() + " twice: "
                        + before.rate().toPlainString() + " and " + row.rate().toPlainString());
            }
        }
        if (byKey.isEmpty()) {
            return new Loaded(0, 0, 0);
        }
        ExchangeRateTable.Counts counts = table.write(byKey.values(), clock.instant());
        refresh();
        return new Loaded(counts.added(), counts.replaced(), counts.unchanged());
    }

    /** Reads the table again now; on failure the previous snapshot stays and the exception is thrown. */
    public void refresh() {
        snapshot.refresh();
    }

    /** The rates as last read, read again first when older than the refresh period. */
    public RateTable snapshot() {
        return snapshot.get();
    }

    /** The rate valid at {@code at}, from the snapshot: direct, inverse or cross ({@link RateTable}). */
    @Override
    public Optional<ExchangeRate> rate(Currency from, Currency to, Instant at) {
        return snapshot().rate(from, to, at);
    }

    /** Wiring of the converter; only the data source is required. */
    public static final class Builder {
        private final DataSource dataSource;
        private Optional<Dialect> dialect = Optional.empty();
        private Duration refreshEvery = DEFAULT_REFRESH;
        private Clock clock = Clock.systemUTC();

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** The database's dialect; detected from the connection's metadata when not given. */
        public Builder dialect(Dialect dialect) {
            this.dialect = Optional.of(Objects.requireNonNull(dialect, "dialect"));
            return this;
        }

        /** Reads the table again when the snapshot is older than {@code period} (default 1 minute). */
        public Builder refreshEvery(Duration period) {
            Objects.requireNonNull(period, "period");
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("refresh period must be positive: " + period);
            }
            this.refreshEvery = period;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Reads the table; throws {@link StoreException} when it cannot be read, and
         * {@link IllegalStateException}, naming what to run, when it is missing.
         */
        public JdbcExchangeRates build() {
            return new JdbcExchangeRates(this);
        }
    }
}

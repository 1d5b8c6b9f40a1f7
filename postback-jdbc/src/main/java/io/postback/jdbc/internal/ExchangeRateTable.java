package io.postback.jdbc.internal;

import io.postback.jdbc.Dialect;
import io.postback.rates.RateRow;
import io.postback.spi.Deadline;
import io.postback.spi.StoreException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of {@code pb_exchange_rate} (docs/rates.md): all of them read at once, and a load
 * written in one transaction with each database's insert-or-update ({@code ON CONFLICT} on
 * PostgreSQL, {@code ON DUPLICATE KEY UPDATE} on MySQL/MariaDB, {@code MERGE ... KEY} on H2), so
 * that two loads at once never fail on the primary key. Only rows that are new or changed are
 * written.
 */
public final class ExchangeRateTable {

    /** What a load did: rows added, rows whose rate or source it replaced, rows it found as they were. */
    public record Counts(int added, int replaced, int unchanged) {
    }

    private static final String SELECT = "SELECT base, quote, valid_from, rate, source FROM pb_exchange_rate";
    private static final String COLUMNS = "(base, quote, valid_from, rate, source, loaded_at)";
    private static final int BATCH = 1000;

    private final JdbcRunner runner;
    private final String upsert;

    public ExchangeRateTable(javax.sql.DataSource dataSource, Dialect dialect) {
        this.runner = new JdbcRunner(dataSource, JdbcRunner.ConnectionCheck.NONE,
                dialect == Dialect.MYSQL ? Timestamps.UTC_WITHOUT_TIME_ZONE : Timestamps.WITH_TIME_ZONE);
        this.upsert = upsert(dialect);
    }

    static String upsert(Dialect dialect) {
        return switch (dialect) {
            case POSTGRESQL -> "INSERT INTO pb_exchange_rate " + COLUMNS + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (base, quote, valid_from) "
                    + "DO UPDATE SET rate = EXCLUDED.rate, source = EXCLUDED.source, loaded_at = EXCLUDED.loaded_at";
            case MYSQL -> "INSERT INTO pb_exchange_rate " + COLUMNS + " VALUES (?, ?, ?, ?, ?, ?) "
                    + "ON DUPLICATE KEY UPDATE rate = VALUES(rate), source = VALUES(source), loaded_at = VALUES(loaded_at)";
            case H2 -> "MERGE INTO pb_exchange_rate " + COLUMNS + " KEY (base, quote, valid_from) VALUES (?, ?, ?, ?, ?, ?)";
        };
    }

    /** Every row of the table. */
    public List<RateRow> readAll() {
        return runner.autoCommit("reading exchange rates", Deadline.none(), ExchangeRateTable::readAll);
    }

    /** Writes the rows that are new or differ from the table's, in one transaction; {@code rows} has one row per pair and time. */
    public Counts write(Collection<RateRow> rows, Instant loadedAt) {
        return runner.inTransaction("loading exchange rates", Deadline.none(), session -> {
            Map<String, RateRow> existing = new HashMap<>();
            for (RateRow row : readAll(session)) {
                existing.put(key(row), row);
            }
            List<RateRow> changed = new ArrayList<>();
            int added = 0;
            int unchanged = 0;
            for (RateRow row : rows) {
                RateRow before = existing.get(key(row));
                if (before == null) {
                    added++;
                    changed.add(row);
                } else if (before.equals(row)) {
                    unchanged++;
                } else {
                    changed.add(row);
                }
            }
            for (int from = 0; from < changed.size(); from += BATCH) {
                session.batch(upsert, changed.subList(from, Math.min(changed.size(), from + BATCH)),
                        (b, r) -> b.string(r.base().getCurrencyCode()).string(r.quote().getCurrencyCode()).instant(r.validFrom())
                                .decimal(r.rate()).string(r.source()).instant(loadedAt));
            }
            return new Counts(added, changed.size() - added, unchanged);
        });
    }

    /** One pair at one time: the primary key. */
    public static String key(RateRow row) {
        return row.pair() + "@" + row.validFrom();
    }

    private static List<RateRow> readAll(Session session) throws SQLException {
        return session.query(SELECT, Parameters.NONE, row -> {
            String base = row.string(1).trim();
            String quote = row.string(2).trim();
            try {
                return new RateRow(Currency.getInstance(base), Currency.getInstance(quote), row.decimal(4), row.instant(3),
                        row.string(5));
            } catch (IllegalArgumentException e) {
                throw new StoreException("pb_exchange_rate holds a row of " + base + "/" + quote
                        + " that no rates table takes: " + e.getMessage());
            }
        });
    }
}

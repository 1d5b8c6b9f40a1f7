package io.postback.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.jdbc.testing.TestDatabases;
import io.postback.spi.Deadline;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The statements a unit of work runs: bound, executed and mapped in one place. */
class SessionTest {

    private static final String INSERT_DIGEST = "INSERT INTO pb_seen_signature (digest, expires_at) VALUES (?, CURRENT_TIMESTAMP)";
    private static final String DIGESTS = "SELECT digest FROM pb_seen_signature WHERE digest LIKE ? ORDER BY digest";

    private final DataSource db = TestDatabases.h2();
    private final JdbcRunner runner = new JdbcRunner(db, JdbcRunner.ConnectionCheck.NONE, Timestamps.WITH_TIME_ZONE);

    @Test
    void aQueryMapsEveryRowAndItsFirstRowAlone() {
        runner.inTransaction("writing", Deadline.none(), session -> {
            session.batch(INSERT_DIGEST, List.of("q-2", "q-1", "q-3"), (b, digest) -> b.string(digest));
            return null;
        });

        assertThat(runner.query("reading", Deadline.none(), DIGESTS, b -> b.string("q-%"), row -> row.string(1)))
                .containsExactly("q-1", "q-2", "q-3");
        assertThat(runner.queryFirst("reading", Deadline.none(), DIGESTS, b -> b.string("q-%"), row -> row.string(1)))
                .contains("q-1");
        assertThat(runner.queryFirst("reading", Deadline.none(), DIGESTS, b -> b.string("none-%"), row -> row.string(1)))
                .isEmpty();
    }

    @Test
    void anUpdateCountsItsRowsAndAnUpdateOfEachItemRunsOncePerItem() {
        runner.autoCommit("writing", Deadline.none(), session -> {
            session.updateEach(INSERT_DIGEST, List.of("u-1", "u-2"), (b, digest) -> b.string(digest));
            return null;
        });

        assertThat(runner.update("deleting", Deadline.none(), "DELETE FROM pb_seen_signature WHERE digest LIKE ?",
                b -> b.string("u-%"))).isEqualTo(2);
    }

    @Test
    void anInsertAnswersItsGeneratedIdAndInstantsComeBackAsBound() {
        Instant at = Instant.parse("2026-01-02T03:04:05.123456789Z");
        String insert = "INSERT INTO pb_ledger (lead_id, journal_id, party, amount, currency, reason, booked_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)";

        long first = runner.autoCommit("writing", Deadline.none(), session -> session.insert(insert,
                b -> b.number(1).number(1).string("WEBMASTER").decimal(java.math.BigDecimal.ONE).string("EUR").string("GOAL").instant(at)));
        long second = runner.autoCommit("writing", Deadline.none(), session -> session.insert(insert,
                b -> b.number(1).number(1).string("WEBMASTER").decimal(java.math.BigDecimal.ONE).string("EUR").string("GOAL").instant(at)));

        assertThat(second).isGreaterThan(first);
        assertThat(runner.queryFirst("reading", Deadline.none(), "SELECT booked_at FROM pb_ledger WHERE id = ?",
                b -> b.number(first), row -> row.instant(1))).contains(Timestamps.micros(at));
    }
}

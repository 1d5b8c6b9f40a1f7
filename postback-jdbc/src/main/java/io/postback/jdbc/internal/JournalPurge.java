package io.postback.jdbc.internal;

import io.postback.spi.Deadline;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes old rows of {@code pb_journal} that no guarantee needs any more (docs/retention.md). A
 * row is kept, whatever its age, when
 * <ul>
 *   <li>a ledger entry points at it ({@code pb_ledger.journal_id}: the money's reason);</li>
 *   <li>it carries a replay key (an applied replay: {@code replayed(id)} and the unique key on
 *       {@code replay_key} are what refuse a second application of its original);</li>
 *   <li>an applied replay points at it (its {@code replay_key} is this row's id);</li>
 *   <li>an unexpired seen signature names its postback id (a signed repeat gets this row's answer).</li>
 * </ul>
 * The journal is walked by id, a batch at a time, and the walk ends at the first row received at
 * or after the cutoff: ids follow arrival, so the rest is younger (a row out of order by a clock
 * skew between nodes waits for the next run). Each check is an index probe: a lead change's ledger
 * rows have its journal row's lead id, which {@code pb_ledger_lead (lead_id, id)} finds.
 */
public final class JournalPurge {

    private final JdbcRunner runner;
    private final Clock clock;
    private final String scan;

    public JournalPurge(SqlDialect dialect, Clock clock) {
        this.runner = dialect.runner();
        this.clock = clock;
        this.scan = "SELECT j.id, j.received_at, CASE WHEN j.replay_key IS NULL"
                + " AND NOT EXISTS (SELECT 1 FROM pb_ledger l WHERE l.lead_id = j.lead_id AND l.journal_id = j.id)"
                + " AND NOT EXISTS (SELECT 1 FROM pb_journal r WHERE r.replay_key = j.id)"
                + " AND NOT EXISTS (SELECT 1 FROM pb_seen_signature s WHERE s.postback_id = j.postback_id AND s.expires_at > ?)"
                + " THEN 1 ELSE 0 END FROM pb_journal j WHERE j.id > ? ORDER BY j.id" + dialect.limit();
    }

    /** Deletes what may go of the rows received before {@code olderThan}: how many rows. */
    public long purge(Instant olderThan, int batchSize) {
        PurgeBatches.requirePositive(batchSize);
        return PurgeBatches.run(after -> batch(after, olderThan, batchSize));
    }

    private PurgeBatches.Batch batch(long after, Instant olderThan, int batchSize) {
        Instant now = clock.instant();
        return runner.inTransaction("purging the journal", Deadline.none(), session -> {
            List<Long> ids = new ArrayList<>();
            long[] last = {after};
            boolean[] reachedCutoff = {false};
            List<Integer> seen = session.query(scan, b -> b.instant(now).number(after).integer(batchSize), row -> {
                last[0] = row.number(1);
                if (!row.instant(2).isBefore(olderThan)) {
                    reachedCutoff[0] = true;
                } else if (row.number(3) == 1) {
                    ids.add(row.number(1));
                }
                return 1;
            });
            int deleted = ids.isEmpty() ? 0
                    : session.update(PurgeBatches.deleteByIds("pb_journal", "id", ids.size()), b -> PurgeBatches.bindIds(b, ids));
            return new PurgeBatches.Batch(deleted, last[0], reachedCutoff[0] || seen.size() < batchSize);
        });
    }
}

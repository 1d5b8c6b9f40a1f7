package io.postback.jdbc.internal;

import io.postback.spi.Deadline;
import io.postback.spi.QueuedDelivery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes delivered and dead outbound deliveries created before a cutoff, with their attempts
 * (docs/retention.md). Pending ones stay, however old. {@code pb_delivery} is walked by id, a batch
 * at a time, and the walk ends at the first delivery created at or after the cutoff. The rows to
 * delete are locked first, so that a dead letter resent at that moment is either resent before
 * (then pending, and kept) or not at all.
 */
public final class DeliveryPurge {

    private static final String DELIVERED = DeliveryTable.stateName(QueuedDelivery.State.DELIVERED);
    private static final String DEAD = DeliveryTable.stateName(QueuedDelivery.State.DEAD);

    private final JdbcRunner runner;
    private final String scan;

    public DeliveryPurge(SqlDialect dialect) {
        this.runner = dialect.runner();
        this.scan = "SELECT id, created_at, state FROM pb_delivery WHERE id > ? ORDER BY id" + dialect.limit();
    }

    /** Deletes the finished deliveries created before {@code olderThan}, and their attempts: how many deliveries. */
    public long purge(Instant olderThan, int batchSize) {
        PurgeBatches.requirePositive(batchSize);
        return PurgeBatches.run(after -> batch(after, olderThan, batchSize));
    }

    private PurgeBatches.Batch batch(long after, Instant olderThan, int batchSize) {
        return runner.inTransaction("purging outbound deliveries", Deadline.none(), session -> {
            List<Long> candidates = new ArrayList<>();
            long[] last = {after};
            boolean[] reachedCutoff = {false};
            List<Integer> seen = session.query(scan, b -> b.number(after).integer(batchSize), row -> {
                last[0] = row.number(1);
                String state = row.string(3);
                if (!row.instant(2).isBefore(olderThan)) {
                    reachedCutoff[0] = true;
                } else if (state.equals(DELIVERED) || state.equals(DEAD)) {
                    candidates.add(row.number(1));
                }
                return 1;
            });
            int deleted = candidates.isEmpty() ? 0 : delete(session, candidates);
            return new PurgeBatches.Batch(deleted, last[0], reachedCutoff[0] || seen.size() < batchSize);
        });
    }

    /** Locks the candidates still finished, then deletes their attempts and them. */
    private static int delete(Session session, List<Long> candidates) throws java.sql.SQLException {
        String lock = "SELECT id FROM pb_delivery WHERE id IN (" + PurgeBatches.placeholders(candidates.size())
                + ") AND state IN ('" + DELIVERED + "', '" + DEAD + "') FOR UPDATE";
        List<Long> finished = session.query(lock, b -> PurgeBatches.bindIds(b, candidates), row -> row.number(1));
        if (finished.isEmpty()) {
            return 0;
        }
        session.update(PurgeBatches.deleteByIds("pb_delivery_attempt", "delivery_id", finished.size()),
                b -> PurgeBatches.bindIds(b, finished));
        return session.update(PurgeBatches.deleteByIds("pb_delivery", "id", finished.size()), b -> PurgeBatches.bindIds(b, finished));
    }
}

package io.postback.jdbc.internal;

import io.postback.spi.Deadline;
import io.postback.spi.DeliveryAttempt;
import io.postback.spi.DeliveryQueue.Next;
import io.postback.spi.QueuedDelivery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The outbound deliveries of {@code pb_delivery} as the dispatcher uses them (rules §15). The
 * database decides every race: a claim locks the rows it leases (the dialect's
 * {@code FOR UPDATE SKIP LOCKED}), an attempt is recorded by an update that only matches while the
 * node holds the lease and the delivery is pending, a resend by one that only matches a dead one.
 */
public final class Deliveries {

    private static final String RECORDED = ", attempts = attempts + 1, last_error = ?, lease_owner = NULL, lease_until = NULL "
            + "WHERE id = ? AND lease_owner = ? AND state = '" + DeliveryTable.PENDING + "'";
    private static final String RECORD_RETRY = "UPDATE pb_delivery SET due_at = ?" + RECORDED;
    private static final String RECORD_FINAL = "UPDATE pb_delivery SET state = ?" + RECORDED;
    private static final String RESEND = "UPDATE pb_delivery SET state = '" + DeliveryTable.PENDING + "', due_at = ?, "
            + "lease_owner = NULL, lease_until = NULL WHERE id = ? AND state = 'dead'";
    private static final String OF_LEAD = DeliveryTable.SELECT + " WHERE lead_id = ? ORDER BY id";

    private final SqlDialect dialect;
    private final JdbcRunner runner;
    private final String deadLetters;
    private final String retrying;

    public Deliveries(SqlDialect dialect) {
        this.dialect = dialect;
        this.runner = dialect.runner();
        this.deadLetters = DeliveryTable.SELECT + " WHERE state = 'dead' ORDER BY id DESC" + dialect.limit();
        // The claim's index of pending rows, those never tried passed over: the queue is short.
        this.retrying = DeliveryTable.SELECT + " WHERE state = '" + DeliveryTable.PENDING + "' AND attempts > 0 ORDER BY due_at, id"
                + dialect.limit();
    }

    public List<QueuedDelivery> claim(String node, Instant now, Duration lease, int max) {
        if (max <= 0) {
            return List.of();
        }
        return dialect.claimDeliveries(node, now, now.plus(lease), max);
    }

    /** The guarded update and the attempt's row, in one transaction; nothing when the node lost the lease. */
    public boolean record(long deliveryId, String node, DeliveryAttempt attempt, Next next) {
        String lastError = DeliveryTable.lastError(attempt);
        return runner.inTransaction("recording a delivery attempt", Deadline.none(), session -> {
            int updated;
            if (next instanceof Next.RetryAt retry) {
                updated = session.update(RECORD_RETRY, b -> b.instant(retry.at()).string(lastError).number(deliveryId).string(node));
            } else {
                QueuedDelivery.State state = next instanceof Next.Delivered ? QueuedDelivery.State.DELIVERED : QueuedDelivery.State.DEAD;
                updated = session.update(RECORD_FINAL,
                        b -> b.string(DeliveryTable.stateName(state)).string(lastError).number(deliveryId).string(node));
            }
            if (updated == 0) {
                session.rollbackOnly();
                return false;
            }
            session.update(DeliveryTable.ATTEMPT_INSERT, b -> DeliveryTable.bindAttempt(b, deliveryId, attempt));
            return true;
        });
    }

    public List<QueuedDelivery> deadLetters(int max) {
        return runner.query("reading dead letters", Deadline.none(), deadLetters, b -> b.number(max), DeliveryTable::readQueued);
    }

    public List<QueuedDelivery> retrying(int max) {
        return runner.query("reading retried deliveries", Deadline.none(), retrying, b -> b.number(max), DeliveryTable::readQueued);
    }

    public boolean resend(long deliveryId, Instant now) {
        return runner.update("resending a dead letter", Deadline.none(), RESEND, b -> b.instant(now).number(deliveryId)) == 1;
    }

    public List<QueuedDelivery> deliveriesOf(long leadId) {
        return runner.query("reading a lead's deliveries", Deadline.none(), OF_LEAD, b -> b.number(leadId), DeliveryTable::readQueued);
    }

    public List<DeliveryAttempt> attempts(long deliveryId) {
        return runner.query("reading a delivery's attempts", Deadline.none(), DeliveryTable.ATTEMPTS, b -> b.number(deliveryId),
                DeliveryTable::readAttempt);
    }
}

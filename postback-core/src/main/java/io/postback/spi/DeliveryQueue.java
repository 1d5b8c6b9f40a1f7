package io.postback.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The outbound deliveries of rules §15, as the dispatcher uses them. Deliveries are written by the
 * lead store with a lead change ({@link Effects#deliveries}). A claim gives a node a lease: until
 * it ends, no other node claims the delivery, so two nodes never send it at the same time; a node
 * that dies mid-delivery lets another take it once the lease has passed. Exactness across nodes is
 * the store's (a row lock or a guarded update), never a JVM lock.
 */
public interface DeliveryQueue {

    /**
     * Claims up to {@code max} pending deliveries due at {@code now} whose lease (if any) has
     * passed, for {@code node}, until {@code now + lease}; oldest due first. Each comes with the
     * number of attempts made so far, which decides whether a failure is retried.
     */
    List<QueuedDelivery> claim(String node, Instant now, Duration lease, int max);

    /**
     * Records an attempt of a delivery {@code node} holds the lease of, and what comes next: the
     * delivery is delivered, due again at {@code retryAt}, or dead. A node whose lease passed and
     * was taken by another records nothing.
     *
     * @return false when the node no longer held the lease (nothing was written)
     */
    boolean record(long deliveryId, String node, DeliveryAttempt attempt, Next next);

    /** What follows an attempt. */
    sealed interface Next {
        record Delivered() implements Next {
        }

        record RetryAt(Instant at) implements Next {
        }

        record Dead() implements Next {
        }
    }

    /** Dead letters, newest first. */
    List<QueuedDelivery> deadLetters(int max);

    /** Pending deliveries whose last attempt failed and that wait for a retry, soonest due first. */
    List<QueuedDelivery> retrying(int max);

    /** Makes a dead letter pending again, due at {@code now}; false when it is not a dead letter. */
    boolean resend(long deliveryId, Instant now);

    /** A lead's deliveries, oldest first. */
    List<QueuedDelivery> deliveriesOf(long leadId);

    /** A delivery's attempts, oldest first. */
    List<DeliveryAttempt> attempts(long deliveryId);
}

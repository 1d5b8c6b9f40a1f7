package io.postback.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A delivery and where it stands.
 *
 * @param attempts      how many attempts were made
 * @param nextAttemptAt when a pending delivery is due
 * @param lastError     the last attempt's HTTP status or error, for pages and commands
 */
public record QueuedDelivery(Delivery delivery, State state, int attempts, Optional<Instant> nextAttemptAt,
                             Optional<String> lastError) {

    /** Where a delivery stands. */
    public enum State {
        /** Waiting for its (next) attempt. */
        PENDING,
        /** The receiver answered 2xx. */
        DELIVERED,
        /** Given up: a 4xx other than 429, a refused destination, or the last attempt failed. */
        DEAD
    }

    public QueuedDelivery {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(lastError, "lastError");
    }
}

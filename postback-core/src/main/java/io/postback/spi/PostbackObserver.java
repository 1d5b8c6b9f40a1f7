package io.postback.spi;

import io.postback.PostbackResult;
import io.postback.model.Action;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Optional: told of every postback the processor handled, once its answer is decided, for metrics
 * and logs. Called on the handling thread, so it must be quick; an observer that throws is logged
 * and ignored, never changes the answer. Live postbacks, replays and dry runs ({@code explain}) are
 * all observed; {@link Handled#run()} tells them apart.
 */
@FunctionalInterface
public interface PostbackObserver {

    PostbackObserver NONE = (postback, result, took) -> { };

    /**
     * @param postback what was received, as far as the processor learnt it
     * @param result   the answer, as {@code handle} returns it
     * @param took     from the call of {@code handle} to the answer, the store's work included
     */
    void handled(Handled postback, PostbackResult result, Duration took);

    /** How a postback was run. */
    enum Run {
        /** {@code handle}: a postback from a sender. */
        LIVE,
        /** {@code replay} of a journal entry. */
        REPLAY,
        /** {@code explain}: nothing was written. */
        DRY_RUN
    }

    /**
     * What an observer learns of a postback: never its parameters, which carry the token.
     *
     * @param postbackId the id its journal entry keeps
     * @param siteId     the site that authenticated it; empty when none did
     * @param offerId    that site's offer (or the flow's, for a global token); empty when none
     */
    record Handled(String postbackId, Action action, Run run, OptionalLong siteId, OptionalLong offerId,
                   Instant receivedAt) {

        public Handled {
            Objects.requireNonNull(postbackId, "postbackId");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(run, "run");
            Objects.requireNonNull(siteId, "siteId");
            Objects.requireNonNull(offerId, "offerId");
            Objects.requireNonNull(receivedAt, "receivedAt");
        }
    }
}

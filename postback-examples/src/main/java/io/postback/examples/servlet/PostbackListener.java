package io.postback.examples.servlet;

import io.postback.PostbackResult;
import io.postback.model.Action;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Told about every postback the servlet handled, once the processor has answered and just before the
 * answer is written (so a sender never sees an answer whose log line is not there yet): for an
 * access log or metrics. Receives nothing secret: the site id is the part of the token before
 * {@code -}.
 */
@FunctionalInterface
public interface PostbackListener {

    PostbackListener NONE = handled -> { };

    void handled(Handled postback);

    /**
     * One handled postback.
     *
     * @param siteId the site the token names, empty when the request had no readable token
     * @param took   from the start of reading the request to the processor's answer
     */
    record Handled(Action action, OptionalLong siteId, PostbackResult result, Duration took) {
        public Handled {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(siteId, "siteId");
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(took, "took");
        }
    }
}

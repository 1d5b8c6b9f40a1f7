package io.postback.examples.demo;

import io.postback.PostbackProcessor;
import java.time.Duration;
import java.util.Objects;

/**
 * How the demo's processor bounds each postback and its journal.
 *
 * @param deadline                  how long the store may take for one postback (docs/RELIABILITY.md, "Deadlines"); the
 *                                  connection pool waits a quarter of it at most for a connection
 * @param unauthenticatedPerMinute  postbacks that no site authenticated journaled a minute per address
 */
public record PostbackLimits(Duration deadline, int unauthenticatedPerMinute) {

    public PostbackLimits {
        Objects.requireNonNull(deadline, "deadline");
        if (deadline.compareTo(Duration.ofMillis(750)) < 0) {
            throw new IllegalArgumentException("--deadline must be at least 0.75 seconds: " + deadline.toMillis() / 1000.0);
        }
        if (unauthenticatedPerMinute < 0) {
            throw new IllegalArgumentException("--journal-unauthenticated must not be negative: " + unauthenticatedPerMinute);
        }
    }

    /** The library's defaults: a 3 s deadline, ten unauthenticated postbacks journaled a minute per address. */
    public static PostbackLimits defaults() {
        return new PostbackLimits(PostbackProcessor.DEFAULT_DEADLINE, PostbackProcessor.DEFAULT_UNAUTHENTICATED_JOURNALED_PER_MINUTE);
    }

    public PostbackLimits withDeadline(Duration newDeadline) {
        return new PostbackLimits(newDeadline, unauthenticatedPerMinute);
    }

    public PostbackLimits withUnauthenticatedPerMinute(int perMinute) {
        return new PostbackLimits(deadline, perMinute);
    }

    /**
     * How long a postback waits for a pooled connection: a quarter of the deadline. The store
     * starts no wait once the deadline has passed, so a postback is answered within the deadline
     * plus this, and a database that stopped answering still leaves time to learn what became of a write.
     */
    public Duration poolWait() {
        return deadline.dividedBy(4);
    }
}

package io.postback.internal;

import io.postback.PostbackResult;
import io.postback.spi.PostbackObserver;
import java.time.Duration;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The host's {@link PostbackObserver}, told what it may know of a postback; its failures never reach the sender. */
final class HandledObserver {

    private static final Logger LOG = LoggerFactory.getLogger(HandledObserver.class);

    private final PostbackObserver observer;

    HandledObserver(PostbackObserver observer) {
        this.observer = observer;
    }

    /** @param startedNanos {@link System#nanoTime()} when {@code handle} was called */
    void handled(Handling h, PostbackResult result, long startedNanos) {
        if (observer == PostbackObserver.NONE) {
            return;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
        try {
            observer.handled(describe(h), result, took);
        } catch (RuntimeException e) {
            // The class only: an observer's message may hold anything it was given.
            LOG.warn("the postback observer failed ({}); the answer stands", e.getClass().getName());
        }
    }

    private static PostbackObserver.Handled describe(Handling h) {
        Received r = h.received;
        return new PostbackObserver.Handled(r.postbackId(), r.action(), run(r.mode()), known(h.scope.siteId()),
                known(h.scope.offerId()), r.now());
    }

    private static PostbackObserver.Run run(Mode mode) {
        if (mode.dryRun()) {
            return PostbackObserver.Run.DRY_RUN;
        }
        return mode.replayOf().isPresent() ? PostbackObserver.Run.REPLAY : PostbackObserver.Run.LIVE;
    }

    private static OptionalLong known(long id) {
        return id == 0 ? OptionalLong.empty() : OptionalLong.of(id);
    }
}

package io.postback.internal;

import io.postback.PostbackResult;
import io.postback.spi.PostbackObserver;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's {@link PostbackObserver}s, told what they may know of a postback, in order; each is
 * guarded on its own, so one that fails neither reaches the sender nor silences the others.
 */
final class HandledObserver {

    private static final Logger LOG = LoggerFactory.getLogger(HandledObserver.class);

    private final List<PostbackObserver> observers;

    HandledObserver(List<PostbackObserver> observers) {
        this.observers = List.copyOf(observers);
    }

    /** @param startedNanos {@link System#nanoTime()} when {@code handle} was called */
    void handled(Handling h, PostbackResult result, long startedNanos) {
        if (observers.isEmpty()) {
            return;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
        PostbackObserver.Handled postback = describe(h);
        for (PostbackObserver observer : observers) {
            try {
                observer.handled(postback, result, took);
            } catch (RuntimeException e) {
                // The class only: an observer's message may hold anything it was given.
                LOG.warn("the postback observer {} failed ({}); the answer stands", observer.getClass().getName(),
                        e.getClass().getName());
            }
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

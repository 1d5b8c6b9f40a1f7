package io.postback.spi;

import java.util.List;

/**
 * Implemented by stores that keep lead events with the change that made them, so that an event
 * survives a crash between commit and delivery (rules §9).
 */
public interface EventOutbox {

    /** The oldest undelivered events, at most {@code max}. */
    List<StoredEvent> pending(int max);

    /** Forgets delivered events. */
    void markDelivered(List<Long> eventIds);

    /**
     * How many events wait for delivery: the backlog a host watches, growing when the listener
     * fails or lags (docs/observability.md). The default reads them all; stores count instead.
     */
    default long backlog() {
        return pending(Integer.MAX_VALUE).size();
    }
}

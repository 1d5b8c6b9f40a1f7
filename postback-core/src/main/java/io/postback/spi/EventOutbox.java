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
}

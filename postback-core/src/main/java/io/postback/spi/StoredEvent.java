package io.postback.spi;

import io.postback.model.LeadEvent;
import java.util.Objects;

/** An event waiting in a store's outbox. */
public record StoredEvent(long id, LeadEvent event) {
    public StoredEvent {
        Objects.requireNonNull(event, "event");
    }
}

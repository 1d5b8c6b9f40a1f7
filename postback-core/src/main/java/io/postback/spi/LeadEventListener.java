package io.postback.spi;

import io.postback.model.LeadEvent;

/**
 * Optional: receives lead events after their change is committed. Delivery is at-least-once: a
 * listener that must not act twice keys its work on the event's lead and type.
 */
@FunctionalInterface
public interface LeadEventListener {

    LeadEventListener NONE = event -> { };

    void onEvent(LeadEvent event);
}

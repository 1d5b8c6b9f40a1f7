package io.postback.internal;

import io.postback.model.Booking;
import io.postback.model.EventType;
import io.postback.model.LeadEvent;
import io.postback.model.LeadState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The events of one lead change (rules §9), or none when no listener is configured. */
final class LeadEvents {

    private final boolean enabled;

    LeadEvents(boolean enabled) {
        this.enabled = enabled;
    }

    /** @param before null for a created lead */
    List<LeadEvent> of(long leadId, long offerId, LeadState before, LeadState after, List<Booking> bookings, Instant at) {
        if (!enabled) {
            return List.of();
        }
        List<LeadEvent> events = new ArrayList<>(2 + bookings.size());
        String goal = after.goal();
        if (before == null) {
            events.add(event(EventType.CREATED, leadId, offerId, after, Optional.empty(), at));
        } else {
            if (before.status() != after.status()) {
                events.add(event(EventType.STATUS_CHANGED, leadId, offerId, after, Optional.empty(), at));
            }
            if (!before.goal().equals(goal)) {
                events.add(event(EventType.GOAL_CHANGED, leadId, offerId, after, Optional.empty(), at));
            }
        }
        for (Booking booking : bookings) {
            events.add(event(EventType.MONEY_BOOKED, leadId, offerId, after, Optional.of(booking), at));
        }
        return events;
    }

    private static LeadEvent event(EventType type, long leadId, long offerId, LeadState state, Optional<Booking> booking,
                                   Instant at) {
        return new LeadEvent(type, leadId, offerId, state.status(), state.goal(), booking, at, state.fields());
    }
}

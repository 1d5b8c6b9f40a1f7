package io.postback.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A change of a lead, delivered to listeners after it is committed.
 *
 * @param leadId  0 while the event belongs to a lead that is being created; the store fills it in
 * @param booking the money booked, for {@link EventType#MONEY_BOOKED}
 * @param fields  the lead's fields after the change (rules §11)
 */
public record LeadEvent(EventType type, long leadId, long offerId, Status status, String goal, Optional<Booking> booking, Instant at,
                        Map<String, String> fields) {
    public LeadEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(booking, "booking");
        Objects.requireNonNull(at, "at");
        fields = LeadFields.sorted(Objects.requireNonNull(fields, "fields"));
    }

    public LeadEvent withLeadId(long id) {
        return new LeadEvent(type, id, offerId, status, goal, booking, at, fields);
    }
}

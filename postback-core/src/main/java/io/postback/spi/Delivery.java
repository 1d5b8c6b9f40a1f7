package io.postback.spi;

import io.postback.model.OutboundPostback;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One outbound postback to send for one lead event (rules §15), enqueued in the unit of work of
 * the lead change. It keeps the template and the macro values as they were then, so what is sent
 * does not depend on later changes of the lead or the catalog.
 *
 * @param id         assigned by the store; 0 before it is stored
 * @param eventId    unique per delivery, the {@code {event}} macro: the receiver's idempotency key, the same on every attempt
 * @param postbackId the catalog's outbound postback
 * @param leadId     0 in a new lead's effects; the store fills it in
 * @param values     the macro values but {@code lead} (rules §15), percent-encoded only when rendered
 */
public record Delivery(long id, String eventId, long postbackId, long leadId, OutboundPostback.Trigger trigger,
                       OutboundPostback.Method method, String urlTemplate, Map<String, String> values, Instant createdAt) {

    public Delivery {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(urlTemplate, "urlTemplate");
        values = Map.copyOf(Objects.requireNonNull(values, "values"));
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public Delivery withLeadId(long newLeadId) {
        return new Delivery(id, eventId, postbackId, newLeadId, trigger, method, urlTemplate, values, createdAt);
    }

    public Delivery withId(long newId) {
        return new Delivery(newId, eventId, postbackId, leadId, trigger, method, urlTemplate, values, createdAt);
    }
}

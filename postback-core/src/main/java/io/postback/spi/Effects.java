package io.postback.spi;

import io.postback.model.Booking;
import io.postback.model.CapSlot;
import io.postback.model.JournalEntry;
import io.postback.model.LeadEvent;
import java.util.List;
import java.util.Objects;

/**
 * Everything one postback writes besides the lead itself. A store writes all of it in the same
 * unit of work as the lead change, or none of it.
 *
 * @param journal  the postback's journal entry; the store assigns its id and the lead's id
 * @param bookings ledger entries to write for the lead, linked to the journal entry
 * @param events   events for the outbox, empty when nobody listens
 * @param capTakes slots to take in caps (rules §14): if one has no room, nothing is written and the
 *                 store answers {@link CapFull}
 * @param capFrees slots to give back: the period's counter goes down by one (never below zero)
 * @param keys     dedupe keys the lead gets besides its own (rules §12), unique per offer together
 *                 with every lead's own key; a new lead's may repeat its own key. When one is taken,
 *                 nothing is written, and the store answers an insertion {@code AlreadyExists} (with
 *                 the key's holder) or an update {@code Outdated}, even when the lead itself holds it:
 *                 the change was then decided on a read from before the key was given
 * @param deliveries outbound postbacks to enqueue (rules §15), pending and due at once; a new lead's
 *                 have lead id 0, which the store fills in
 */
public record Effects(JournalEntry journal, List<Booking> bookings, List<LeadEvent> events, List<CapTake> capTakes,
                      List<CapSlot> capFrees, List<String> keys, List<Delivery> deliveries) {
    public Effects {
        Objects.requireNonNull(journal, "journal");
        bookings = List.copyOf(Objects.requireNonNull(bookings, "bookings"));
        events = List.copyOf(Objects.requireNonNull(events, "events"));
        capTakes = List.copyOf(Objects.requireNonNull(capTakes, "capTakes"));
        capFrees = List.copyOf(Objects.requireNonNull(capFrees, "capFrees"));
        keys = List.copyOf(Objects.requireNonNull(keys, "keys"));
        deliveries = List.copyOf(Objects.requireNonNull(deliveries, "deliveries"));
    }

    /** Effects that enqueue no outbound postback. */
    public Effects(JournalEntry journal, List<Booking> bookings, List<LeadEvent> events, List<CapTake> capTakes,
                   List<CapSlot> capFrees, List<String> keys) {
        this(journal, bookings, events, capTakes, capFrees, keys, List.of());
    }

    /** Effects that take no cap slots and register no keys. */
    public Effects(JournalEntry journal, List<Booking> bookings, List<LeadEvent> events) {
        this(journal, bookings, events, List.of(), List.of(), List.of(), List.of());
    }

    /** Whether the store has more to do than the journal, ledger and outbox. */
    public boolean touchesCapsOrKeys() {
        return !capTakes.isEmpty() || !capFrees.isEmpty() || !keys.isEmpty();
    }
}

package io.postback.spi;

import io.postback.model.Booking;
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
 */
public record Effects(JournalEntry journal, List<Booking> bookings, List<LeadEvent> events) {
    public Effects {
        Objects.requireNonNull(journal, "journal");
        bookings = List.copyOf(Objects.requireNonNull(bookings, "bookings"));
        events = List.copyOf(Objects.requireNonNull(events, "events"));
    }
}

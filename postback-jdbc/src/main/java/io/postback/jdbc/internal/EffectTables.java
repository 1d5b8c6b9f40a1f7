package io.postback.jdbc.internal;

import io.postback.model.Booking;
import io.postback.model.BookingReason;
import io.postback.model.EventType;
import io.postback.model.LeadEvent;
import io.postback.model.LedgerEntry;
import io.postback.model.Party;
import io.postback.model.Status;
import io.postback.spi.StoredEvent;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The columns of {@code pb_ledger} and {@code pb_outbox}; one multi-row insert each per postback. */
final class EffectTables {

    static final String LEDGER_INSERT = "INSERT INTO pb_ledger (lead_id, journal_id, party, amount, currency, reason, booked_at)";
    static final String LEDGER_SELECT = "SELECT id, lead_id, journal_id, party, amount, currency, reason, booked_at FROM pb_ledger";
    static final String OUTBOX_INSERT = "INSERT INTO pb_outbox (event_type, lead_id, offer_id, status, goal, booking_party, "
            + "booking_amount, booking_currency, booking_reason, event_at, fields)";
    static final String OUTBOX_SELECT = "SELECT id, event_type, lead_id, offer_id, status, goal, booking_party, booking_amount, "
            + "booking_currency, booking_reason, event_at, fields FROM pb_outbox";

    private EffectTables() {
    }

    /** {@code rows} value tuples of {@code width} parameters each. */
    static String values(int rows, String tuple) {
        StringBuilder sql = new StringBuilder(" VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(tuple);
        }
        return sql.toString();
    }

    static final String LEDGER_TUPLE = "(?, ?, ?, ?, ?, ?, ?)";
    static final String OUTBOX_TUPLE = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    static void bindLedger(Binder b, long leadId, long journalId, List<Booking> bookings, Instant at) throws SQLException {
        for (Booking booking : bookings) {
            b.number(leadId).number(journalId);
            bindBooking(b, booking);
            b.instant(at);
        }
    }

    /** Party, amount, currency, reason. */
    static void bindBooking(Binder b, Booking booking) throws SQLException {
        b.string(booking.party().name()).money(booking.amount()).string(booking.reason().name());
    }

    static void bindOutbox(Binder b, long leadId, List<LeadEvent> events) throws SQLException {
        for (LeadEvent event : events) {
            b.string(event.type().name()).number(leadId);
            bindEventBody(b, event);
        }
    }

    /** Everything of an event but its type and lead: offer, status, goal, booking (or NULLs), time, fields. */
    static void bindEventBody(Binder b, LeadEvent event) throws SQLException {
        b.number(event.offerId()).string(event.status().wireName()).string(event.goal());
        if (event.booking().isPresent()) {
            bindBooking(b, event.booking().get());
        } else {
            b.nullOf(Types.VARCHAR).nullOf(Types.NUMERIC).nullOf(Types.CHAR).nullOf(Types.VARCHAR);
        }
        b.instant(event.at()).string(FieldsColumn.encode(event.fields()));
    }

    /** Reads a row of {@link #LEDGER_SELECT}. */
    static LedgerEntry readLedger(Row row) throws SQLException {
        return new LedgerEntry(row.number(1), row.number(2), row.number(3), Party.valueOf(row.string(4)),
                LeadTable.money(row, 5), BookingReason.valueOf(row.string(7)), row.instant(8));
    }

    /** Reads a row of {@link #OUTBOX_SELECT}. */
    static StoredEvent readEvent(Row row) throws SQLException {
        Optional<Booking> booking = Optional.empty();
        String party = row.string(7);
        if (party != null) {
            booking = Optional.of(new Booking(Party.valueOf(party), LeadTable.money(row, 8), BookingReason.valueOf(row.string(10))));
        }
        LeadEvent event = new LeadEvent(EventType.valueOf(row.string(2)), row.number(3), row.number(4),
                Status.fromWireName(row.string(5)), row.string(6), booking, row.instant(11),
                FieldsColumn.decode(row.optionalString(12)));
        return new StoredEvent(row.number(1), event);
    }
}

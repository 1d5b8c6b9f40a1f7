package io.postback.internal;

import io.postback.model.Booking;
import io.postback.model.BookingReason;
import io.postback.model.LeadState;
import io.postback.model.Money;
import io.postback.model.Party;
import io.postback.model.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * Rules §6: money is earned only while approved. The bookings of a change are the difference of
 * what the lead earns before and after it, so the entries of a lead always sum to what it earns.
 */
final class Ledger {

    private static final Party[] PARTIES = Party.values();

    private Ledger() {
    }

    /** @param before null for a new lead */
    static List<Booking> bookings(LeadState before, LeadState after) {
        return bookings(before, after, false);
    }

    /**
     * @param repeat the change is a repeat conversion's addition (rules §12): booked with reason
     *               {@code repeat} while the lead stays approved
     */
    static List<Booking> bookings(LeadState before, LeadState after, boolean repeat) {
        List<Booking> bookings = List.of();
        for (Party party : PARTIES) {
            Money earnedAfter = after.earned(party);
            Money earnedBefore = before == null ? Money.zero(earnedAfter.currency()) : before.earned(party);
            Money delta = earnedAfter.minus(earnedBefore);
            if (!delta.isZero()) {
                if (bookings.isEmpty()) {
                    bookings = new ArrayList<>(2);
                }
                bookings.add(new Booking(party, delta, reason(before, after, repeat)));
            }
        }
        return bookings;
    }

    private static BookingReason reason(LeadState before, LeadState after, boolean repeat) {
        boolean wasApproved = before != null && before.status() == Status.APPROVE;
        boolean isApproved = after.status() == Status.APPROVE;
        if (isApproved && !wasApproved) {
            return BookingReason.APPROVE;
        }
        if (wasApproved && !isApproved) {
            return BookingReason.REVERSAL;
        }
        return repeat ? BookingReason.REPEAT : BookingReason.ADJUSTMENT;
    }
}

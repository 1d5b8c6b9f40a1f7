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
        List<Booking> bookings = List.of();
        for (Party party : PARTIES) {
            Money earnedAfter = after.earned(party);
            Money earnedBefore = before == null ? Money.zero(earnedAfter.currency()) : before.earned(party);
            Money delta = earnedAfter.minus(earnedBefore);
            if (!delta.isZero()) {
                if (bookings.isEmpty()) {
                    bookings = new ArrayList<>(2);
                }
                bookings.add(new Booking(party, delta, reason(before, after)));
            }
        }
        return bookings;
    }

    private static BookingReason reason(LeadState before, LeadState after) {
        boolean wasApproved = before != null && before.status() == Status.APPROVE;
        boolean isApproved = after.status() == Status.APPROVE;
        if (isApproved && !wasApproved) {
            return BookingReason.APPROVE;
        }
        return wasApproved && !isApproved ? BookingReason.REVERSAL : BookingReason.ADJUSTMENT;
    }
}

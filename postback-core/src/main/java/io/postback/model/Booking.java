package io.postback.model;

import java.util.Objects;

/** One amount to book for a lead, before the store knows the lead's and the postback's ids. */
public record Booking(Party party, Money amount, BookingReason reason) {
    public Booking {
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(reason, "reason");
    }
}

package io.postback.model;

import java.time.Instant;
import java.util.Objects;

/** A stored booking: the money a postback moved for one party of one lead. */
public record LedgerEntry(long id, long leadId, long journalId, Party party, Money amount, BookingReason reason, Instant bookedAt) {
    public LedgerEntry {
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(bookedAt, "bookedAt");
    }
}

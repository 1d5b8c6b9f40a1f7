package io.postback.model;

/** Why money was booked (rules §6). */
public enum BookingReason {
    /** The lead entered {@code approve}. */
    APPROVE,
    /** The lead left {@code approve}. */
    REVERSAL,
    /** Goal or amounts changed while the lead stayed approved. */
    ADJUSTMENT,
    /** A repeat conversion added money to the lead while it was approved (rules §12). */
    REPEAT
}

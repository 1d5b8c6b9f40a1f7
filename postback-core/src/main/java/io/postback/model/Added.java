package io.postback.model;

import java.util.Objects;

/**
 * Money repeat conversions added to a lead (rules §12), in the offer's currency: part of the lead's
 * payout and commission, kept apart so that recalculating the conversion itself (a goal change, a
 * later {@code pay}) keeps them.
 */
public record Added(Money payout, Money commission) {
    public Added {
        Objects.requireNonNull(payout, "payout");
        Objects.requireNonNull(commission, "commission");
    }

    /** Nothing added; one value per currency, since every lead without repeats holds it. */
    public static Added none(java.util.Currency currency) {
        Added none = NONE.get(currency);
        if (none == null) {
            none = new Added(Money.zero(currency), Money.zero(currency));
            NONE.putIfAbsent(currency, none);
        }
        return none;
    }

    private static final java.util.concurrent.ConcurrentMap<java.util.Currency, Added> NONE =
            new java.util.concurrent.ConcurrentHashMap<>();

    public boolean isZero() {
        return payout.isZero() && commission.isZero();
    }

    /** As the answer shows it: {@code {"payout":"..","commission":".."}}. */
    public java.util.Map<String, String> asFields() {
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("payout", payout.toPlainString());
        fields.put("commission", commission.toPlainString());
        return fields;
    }

    public Added plus(Added other) {
        return new Added(payout.plus(other.payout), commission.plus(other.commission));
    }
}

package io.postback.jdbc.internal;

/**
 * The statements on {@code pb_lead_key} (a lead's other keys, rules §12) and {@code pb_cap_use}
 * (the slots taken in a cap's period, rules §14). Inserts are plain; each dialect makes them
 * inserts-if-absent its own way ({@link SqlDialect#ifAbsent}).
 */
final class NetworkTables {

    static final String KEY_INSERT = "INSERT INTO pb_lead_key (offer_id, dedupe_key, lead_id) VALUES (?, ?, ?)";
    static final String KEY_UNIQUE = "offer_id, dedupe_key";
    /** A lead whose own key it is; such a lead may predate {@code pb_lead_key} (its goal did not add repeats then). */
    static final String OWN_KEY_HOLDER = "SELECT id FROM pb_lead WHERE offer_id = ? AND dedupe_key = ?";

    /** A period's counter, created empty before the first slot of the period is taken. */
    static final String COUNTER_INSERT = "INSERT INTO pb_cap_use (cap_key, period, used) VALUES (?, ?, 0)";
    static final String COUNTER_UNIQUE = "cap_key, period";
    /** Takes a slot: binds cap, period and max; one row when there was room. */
    static final String TAKE = "UPDATE pb_cap_use SET used = used + 1 WHERE cap_key = ? AND period = ? AND used < ?";
    /** Gives a slot back, never below zero. */
    static final String FREE = "UPDATE pb_cap_use SET used = used - 1 WHERE cap_key = ? AND period = ? AND used > 0";
    /** The counter, locked, after a take found no room: whether it is there, and how full. */
    static final String COUNTER_LOCKED = "SELECT used FROM pb_cap_use WHERE cap_key = ? AND period = ? FOR UPDATE";

    private NetworkTables() {
    }
}

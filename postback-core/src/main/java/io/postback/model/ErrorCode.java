package io.postback.model;

/** The stable error codes of rules §8; {@link #wireName()} is what senders see. */
public enum ErrorCode {
    TOKEN(401), SIGNATURE(401), PARAM(400), CLICK(400), FLOW(400), LEAD(404), STATUS(400),
    GOAL(400), AMOUNT(400), CURRENCY(400), CONFLICT(409), STORE(503),
    /** A cap of the offer has no room (rules §14). */
    CAP(403),
    /** A postback control refused the postback (rules §14). */
    RULE(422);

    private final String wireName = name().toLowerCase(java.util.Locale.ROOT);
    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public String wireName() {
        return wireName;
    }

    /** The status code of the opt-in strict HTTP mode. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Whether the sender should retry the same postback later. */
    public boolean isTransient() {
        return this == STORE || this == CONFLICT;
    }
}

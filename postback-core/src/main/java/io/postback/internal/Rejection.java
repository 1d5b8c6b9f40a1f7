package io.postback.internal;

import io.postback.model.ErrorCode;

/**
 * Thrown inside the processor when a postback is rejected; turned into a rejected result at the edge.
 * It carries no stack trace: it is an outcome, raised on hostile input that may arrive at a high rate.
 */
public final class Rejection extends Exception {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final JournalScope scope;

    public Rejection(ErrorCode code, String message) {
        this(code, message, JournalScope.NONE);
    }

    private Rejection(ErrorCode code, String message, JournalScope scope) {
        super(message, null, false, false);
        this.code = code;
        this.scope = scope;
    }

    public ErrorCode code() {
        return code;
    }

    /** What was known of the sender when the postback was refused, for its journal entry. */
    JournalScope scope() {
        return scope;
    }

    /** The same rejection, for a sender known this far. */
    Rejection within(JournalScope known) {
        return known.equals(scope) ? this : new Rejection(code, getMessage(), known);
    }
}

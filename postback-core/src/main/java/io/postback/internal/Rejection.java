package io.postback.internal;

import io.postback.model.ErrorCode;

/**
 * Thrown inside the engine when a postback is rejected; turned into a rejected result at the edge.
 * It carries no stack trace: it is an outcome, raised on hostile input that may arrive at a high rate.
 */
public final class Rejection extends Exception {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public Rejection(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}

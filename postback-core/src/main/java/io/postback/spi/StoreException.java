package io.postback.spi;

import io.postback.PostbackException;

/** The store could not do what was asked (connection lost, timeout, ...); the postback may be retried. */
public class StoreException extends PostbackException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message, null);
    }
}

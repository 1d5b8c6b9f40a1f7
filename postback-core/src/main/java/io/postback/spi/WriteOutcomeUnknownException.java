package io.postback.spi;

/**
 * A store failure after a write was sent: the statement may have run, or the commit may have
 * happened, before the connection broke. The processor then asks the store, by the postback's id,
 * what committed (docs/RELIABILITY.md, "Failures: what is answered"). Stores throw a plain
 * {@link StoreException} when they know nothing was written.
 */
public class WriteOutcomeUnknownException extends StoreException {
    private static final long serialVersionUID = 1L;

    public WriteOutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}

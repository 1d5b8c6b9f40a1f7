package io.postback;

/**
 * Root of the infrastructure failures of this library. Bad input is never an exception: it is a
 * rejected {@link PostbackResult}.
 */
public abstract class PostbackException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected PostbackException(String message, Throwable cause) {
        super(message, cause);
    }
}

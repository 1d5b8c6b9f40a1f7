package io.postback.examples.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * A POST body as the postback servlets read it: no more than a little past the processor's 8 KiB limit.
 *
 * <p>A body declared larger than {@link #READ_LIMIT} is answered before a byte of it is read: it
 * cannot hold a valid postback, and waiting for it would let a slow sender hold the connection for as
 * long as it likes. The connection closes after the answer. Otherwise, where the container supports
 * it (Servlet non-blocking I/O), the body is read as it arrives, so that a slow sender holds a
 * connection but never a thread, and is cut at the deadline. Elsewhere it is read the blocking way.
 *
 * @param bytes            the first bytes of the body, at most {@link #READ_LIMIT} + 1
 * @param declaredTooLarge the declared length was over {@link #READ_LIMIT}: nothing was read
 * @param readToEnd        the body was read or dropped to its end; when not, the connection closes after the answer
 */
record RequestBody(byte[] bytes, boolean declaredTooLarge, boolean readToEnd) {

    /**
     * How much of a body is read for the processor: a little over its 8 KiB limit, so that it rejects
     * a larger body as too large without the rest of it ever being kept or parsed.
     */
    static final int READ_LIMIT = 9 * 1024;
    /**
     * How much of the rest of a body that was too large is read and dropped before answering (as
     * Tomcat's {@code maxSwallowSize}, whose default this is): a sender still writing its body would
     * otherwise often see the connection reset instead of the answer. Beyond it, the connection closes.
     */
    static final int DISCARD_LIMIT = 2 * 1024 * 1024;
    /** How long a body may take to arrive, unless the servlet's options say otherwise. */
    static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(10);

    static final RequestBody NONE = new RequestBody(new byte[0], false, true);
    private static final RequestBody DECLARED_TOO_LARGE = new RequestBody(new byte[0], true, false);

    /** What to do with the body once read; runs on a container thread. */
    @FunctionalInterface
    interface Then {
        void accept(RequestBody body) throws IOException;
    }

    /**
     * Reads the body of a POST and passes it on, at once or when it has arrived. A body that does
     * not arrive within {@code deadline}, or that breaks off, is answered 408 here and never passed on.
     */
    static void read(HttpServletRequest req, HttpServletResponse resp, Duration deadline, Then then) throws IOException {
        long declared = req.getContentLengthLong();
        if (declared > READ_LIMIT) {
            then.accept(DECLARED_TOO_LARGE);
            dropAfterAnswer(req, resp, deadline);
        } else if (declared == 0) {
            then.accept(NONE);
        } else if (req.isAsyncSupported()) {
            NonBlockingBodyReader.start(req, resp, deadline, then);
        } else {
            then.accept(readBlocking(req));
        }
    }

    /**
     * Lets a sender still writing a body read its answer: closing with unread bytes would reset the
     * connection, and the answer often with it. So what follows is read and dropped without blocking,
     * within the discard limit, the deadline and the server's minimum data rate; then the connection
     * closes. Without async support the connection closes at once rather than pin a thread; so it does
     * when the sender asked to be told before sending the body ({@code Expect: 100-continue}).
     */
    private static void dropAfterAnswer(HttpServletRequest req, HttpServletResponse resp, Duration deadline) throws IOException {
        if (req.isAsyncSupported() && !"100-continue".equalsIgnoreCase(req.getHeader("Expect"))) {
            resp.flushBuffer();
            NonBlockingBodyReader.start(req, resp, deadline, dropped -> { });
        }
    }

    /** Reads the body with blocking reads on the calling thread (the declared length is not looked at). */
    static RequestBody readBlocking(HttpServletRequest req) throws IOException {
        InputStream in = req.getInputStream();
        byte[] bytes = in.readNBytes(READ_LIMIT + 1);
        return new RequestBody(bytes, false, bytes.length <= READ_LIMIT || discardRest(in));
    }

    /** Reads what is left, up to {@link #DISCARD_LIMIT}, and drops it; true when the end was reached. */
    private static boolean discardRest(InputStream in) {
        byte[] buffer = new byte[8192];
        long discarded = 0;
        try {
            int n;
            while (discarded < DISCARD_LIMIT
                    && (n = in.read(buffer, 0, (int) Math.min(buffer.length, DISCARD_LIMIT - discarded))) > 0) {
                discarded += n;
            }
            return discarded < DISCARD_LIMIT;
        } catch (IOException e) {
            // The sender went away or the body broke off: the answer is written all the same, for whoever still reads it.
            return false;
        }
    }
}

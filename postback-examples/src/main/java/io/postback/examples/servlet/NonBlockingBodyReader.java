package io.postback.examples.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads a body as its bytes arrive (Servlet non-blocking I/O), so that no thread waits on a slow
 * sender: one byte a second holds a connection, not a worker. The body is passed on once complete,
 * or once {@link RequestBody#DISCARD_LIMIT} bytes were seen; a body not complete by the deadline, or
 * one that breaks off (a sender too slow for the server's minimum data rate, say), is answered 408
 * and the connection closed.
 */
final class NonBlockingBodyReader implements ReadListener, AsyncListener {

    private final AsyncContext async;
    private final ServletContext context;
    private final ServletInputStream in;
    private final HttpServletResponse resp;
    private final RequestBody.Then then;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final byte[] buffer = new byte[4096];
    private long seen;
    /** Set by whichever of delivery, timeout and failure comes first: the others then do nothing. */
    private final AtomicBoolean finished = new AtomicBoolean();

    private NonBlockingBodyReader(AsyncContext async, ServletContext context, ServletInputStream in, HttpServletResponse resp,
            RequestBody.Then then) {
        this.async = async;
        this.context = context;
        this.in = in;
        this.resp = resp;
        this.then = then;
    }

    static void start(HttpServletRequest req, HttpServletResponse resp, Duration deadline, RequestBody.Then then) throws IOException {
        AsyncContext async = req.startAsync(req, resp);
        async.setTimeout(Math.max(1, deadline.toMillis()));
        NonBlockingBodyReader reader = new NonBlockingBodyReader(async, req.getServletContext(), req.getInputStream(), resp, then);
        async.addListener(reader);
        reader.in.setReadListener(reader);
    }

    @Override
    public void onDataAvailable() {
        try {
            while (!finished.get() && in.isReady()) {
                int n = in.read(buffer);
                if (n < 0) {
                    return; // onAllDataRead follows
                }
                keep(n);
                if (seen >= RequestBody.DISCARD_LIMIT) {
                    deliver(false);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Jetty signals a sender below the minimum data rate with a runtime exception from read().
            cut();
        }
    }

    private void keep(int n) {
        long room = RequestBody.READ_LIMIT + 1 - seen;
        if (room > 0) {
            kept.write(buffer, 0, (int) Math.min(room, n));
        }
        seen += n;
    }

    @Override
    public void onAllDataRead() {
        deliver(true);
    }

    @Override
    public void onError(Throwable failure) {
        cut();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        cut();
    }

    @Override
    public void onError(AsyncEvent event) {
        cut();
    }

    @Override
    public void onComplete(AsyncEvent event) {
        finished.set(true);
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // Not restarted.
    }

    private void deliver(boolean readToEnd) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        try {
            then.accept(new RequestBody(kept.toByteArray(), false, readToEnd));
        } catch (IOException | RuntimeException e) {
            // Thrown on a blocking call the container would have logged and answered 500; here it is done by hand.
            context.log("answering a postback failed", e);
            if (!resp.isCommitted()) {
                resp.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
                resp.setHeader("Connection", "close");
            }
        } finally {
            async.complete();
        }
    }

    /** The body did not arrive in time or broke off: no postback to answer, only the connection to close. */
    private void cut() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        try {
            if (!resp.isCommitted()) {
                resp.setStatus(HttpServletResponse.SC_REQUEST_TIMEOUT);
                resp.setHeader("Connection", "close");
                resp.setContentLength(0);
            }
        } finally {
            async.complete();
        }
    }
}

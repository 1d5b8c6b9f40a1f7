package io.postback.examples.demo;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes a connection whose request line and headers have been arriving for longer than the deadline
 * (slowloris). Jetty 12.0 has no such limit: its idle timeout starts again at every byte, so headers
 * sent a byte a second would hold a connection for as long as the sender likes.
 *
 * <p>A sweep looks at every open connection a few times per deadline; a connection is cut between one
 * deadline and one sweep period after its headers were first seen in progress. The parser's state is
 * only reachable through Jetty's internal {@code HttpConnection}; should that class change, the
 * slow-sender tests fail rather than this silently doing nothing.
 */
final class HeaderDeadline extends AbstractLifeCycle implements Runnable {

    private final Connector connector;
    private final long deadlineNanos;
    private final long periodMillis;
    /** Connections seen receiving headers, with when and for which request; touched by the sweep alone. */
    private Map<Connection, Receiving> receiving = new HashMap<>();
    private volatile Scheduler.Task next;

    /** A request's headers first seen in progress: after how many requests on the connection, and when. */
    private record Receiving(long requestsBefore, long sinceNanos) {
    }

    HeaderDeadline(Connector connector, Duration deadline) {
        this.connector = connector;
        this.deadlineNanos = deadline.toNanos();
        this.periodMillis = Math.max(50, Math.min(1_000, deadline.toMillis() / 5));
    }

    @Override
    protected void doStart() {
        schedule();
    }

    @Override
    protected void doStop() {
        Scheduler.Task task = next;
        if (task != null) {
            task.cancel();
        }
    }

    private void schedule() {
        if (isRunning() || isStarting()) {
            next = connector.getScheduler().schedule(this, periodMillis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void run() {
        try {
            sweep(System.nanoTime());
        } finally {
            schedule();
        }
    }

    private void sweep(long now) {
        Map<Connection, Receiving> stillReceiving = new HashMap<>();
        for (EndPoint endPoint : connector.getConnectedEndPoints()) {
            if (!(endPoint.getConnection() instanceof HttpConnection http) || !receivingHeaders(http.getParser())) {
                continue;
            }
            Receiving seen = receiving.get(http);
            if (seen == null || seen.requestsBefore() != http.getMessagesIn()) {
                seen = new Receiving(http.getMessagesIn(), now);
            }
            if (now - seen.sinceNanos() > deadlineNanos) {
                endPoint.close();
            } else {
                stillReceiving.put(http, seen);
            }
        }
        receiving = stillReceiving;
    }

    /** Past the first byte of a request and before the end of its headers. */
    private static boolean receivingHeaders(HttpParser parser) {
        return parser.inHeaderState() && !parser.isStart();
    }
}

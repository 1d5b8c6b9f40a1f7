package io.postback.examples.demo;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a new connection at once when its client address already has the limit open, so that one
 * client cannot take every connection the server can hold. Added to a connector as an event
 * listener; every opened connection is counted until it closes.
 */
final class ConnectionsPerAddress implements Connection.Listener {

    private static final Logger LOG = LoggerFactory.getLogger("demo");
    /** One warning per this many nanoseconds at most: an attacker reconnecting in a loop must not flood the log. */
    private static final long WARN_EVERY_NANOS = 10_000_000_000L;

    private final int limit;
    private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();
    /** Each counted connection's address: a closed channel no longer tells its remote address. */
    private final ConcurrentHashMap<Connection, InetAddress> counted = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong lastWarned = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    ConnectionsPerAddress(int limit) {
        this.limit = limit;
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress address = addressOf(connection);
        if (address == null) {
            return;
        }
        counted.put(connection, address);
        if (open.merge(address, 1, Integer::sum) > limit) {
            connection.getEndPoint().close(); // onClosed follows and gives the count back
            warn(address);
        }
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress address = counted.remove(connection);
        if (address != null) {
            open.computeIfPresent(address, (a, n) -> n > 1 ? n - 1 : null);
        }
    }

    /** Open connections from this address, for tests. */
    int openFrom(InetAddress address) {
        return open.getOrDefault(address, 0);
    }

    private void warn(InetAddress address) {
        long total = refused.incrementAndGet();
        long last = lastWarned.get();
        long now = System.nanoTime();
        if (now - last >= WARN_EVERY_NANOS && lastWarned.compareAndSet(last, now)) {
            LOG.warn("closed a new connection from {}: it had {} open already (--max-connections-per-ip); {} closed so far",
                    address.getHostAddress(), limit, total);
        }
    }

    private static InetAddress addressOf(Connection connection) {
        SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }
}

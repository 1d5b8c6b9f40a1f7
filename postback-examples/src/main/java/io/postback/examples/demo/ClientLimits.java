package io.postback.examples.demo;

import java.time.Duration;
import java.util.Objects;

/**
 * How much of the demo one client can hold. Bodies are read without blocking, so a slow sender costs
 * a connection, never a worker thread; these bound how many connections and for how long.
 *
 * @param connectionsPerAddress open connections from one IP address; a new one beyond is closed at once
 * @param headerDeadline        from a request's first byte to the end of its headers (Jetty has no such limit)
 * @param bodyDeadline          for a POST body to arrive in full; one still arriving is answered 408
 * @param minBodyBytesPerSecond a body arriving slower than this, measured from its first byte, is cut; 0 for no minimum
 * @param idleTimeout           a connection that sends nothing for this long is closed
 */
public record ClientLimits(int connectionsPerAddress, Duration headerDeadline, Duration bodyDeadline, long minBodyBytesPerSecond,
        Duration idleTimeout) {

    /** Generous for a network's postback sender, which keeps a pool of a few connections. */
    public static final int DEFAULT_CONNECTIONS_PER_ADDRESS = 64;

    public ClientLimits {
        if (connectionsPerAddress < 1) {
            throw new IllegalArgumentException("connections per address must be at least 1: " + connectionsPerAddress);
        }
        requirePositive(headerDeadline, "headerDeadline");
        requirePositive(bodyDeadline, "bodyDeadline");
        requirePositive(idleTimeout, "idleTimeout");
        if (minBodyBytesPerSecond < 0) {
            throw new IllegalArgumentException("minBodyBytesPerSecond must not be negative: " + minBodyBytesPerSecond);
        }
    }

    /**
     * 64 connections per address; headers within 10 s; a body (9 KiB at most is read) within 10 s and
     * at 1 KiB/s at least; 30 s idle. Senders write a postback in one go, so only a stalling client
     * comes near these.
     */
    public static ClientLimits defaults() {
        return new ClientLimits(DEFAULT_CONNECTIONS_PER_ADDRESS, Duration.ofSeconds(10), Duration.ofSeconds(10), 1024,
                Duration.ofSeconds(30));
    }

    public ClientLimits withConnectionsPerAddress(int limit) {
        return new ClientLimits(limit, headerDeadline, bodyDeadline, minBodyBytesPerSecond, idleTimeout);
    }

    public ClientLimits withHeaderDeadline(Duration deadline) {
        return new ClientLimits(connectionsPerAddress, deadline, bodyDeadline, minBodyBytesPerSecond, idleTimeout);
    }

    public ClientLimits withBodyDeadline(Duration deadline) {
        return new ClientLimits(connectionsPerAddress, headerDeadline, deadline, minBodyBytesPerSecond, idleTimeout);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }
}

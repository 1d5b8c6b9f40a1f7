package io.postback.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Journals at most a few postbacks a minute per source address among those that no site
 * authenticated ({@link #DEFAULT_JOURNALED_PER_WINDOW} unless the host says otherwise), and counts the rest: a sender without a token must not be able to
 * fill the journal. When an address comes back in a later minute, one row sums up what was left
 * out (SECURITY.md, "What is logged and journaled"). The state is this node's, bounded in addresses.
 */
final class UnauthenticatedFlood {

    static final int DEFAULT_JOURNALED_PER_WINDOW = 10;
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final int MAX_ADDRESSES = 10_000;
    /** Where addresses go once {@link #MAX_ADDRESSES} are being watched: one shared allowance. */
    static final String OTHER = "other addresses";

    /** Whether to journal this postback, and what to sum up first (nothing when {@code suppressedBefore} is 0). */
    record Verdict(boolean journal, long suppressedBefore, Instant since) {
    }

    private static final class Window {
        Instant start;
        int journaled;
        long suppressed;

        Window(Instant start) {
            this.start = start;
        }
    }

    private final int journaledPerWindow;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final LongAdder received = new LongAdder();
    private final LongAdder suppressed = new LongAdder();

    UnauthenticatedFlood(int journaledPerWindow) {
        this.journaledPerWindow = journaledPerWindow;
    }

    Verdict admit(String address, Instant now) {
        received.increment();
        Window window = windows.computeIfAbsent(keyFor(address, now), k -> new Window(now));
        synchronized (window) {
            long before = 0;
            Instant since = window.start;
            if (!now.isBefore(window.start.plus(WINDOW))) {
                before = window.suppressed;
                window.start = now;
                window.journaled = 0;
                window.suppressed = 0;
            }
            if (window.journaled < journaledPerWindow) {
                window.journaled++;
                return new Verdict(true, before, since);
            }
            window.suppressed++;
            suppressed.increment();
            return new Verdict(false, 0, since);
        }
    }

    private String keyFor(String address, Instant now) {
        if (windows.size() < MAX_ADDRESSES || windows.containsKey(address)) {
            return address;
        }
        windows.values().removeIf(w -> !now.isBefore(w.start.plus(WINDOW)) && w.suppressed == 0);
        return windows.size() < MAX_ADDRESSES ? address : OTHER;
    }

    long received() {
        return received.sum();
    }

    long suppressed() {
        return suppressed.sum();
    }
}

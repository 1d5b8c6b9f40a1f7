package io.postback.examples.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * How many login attempts a client address may make (docs/operator-page.md, "The login"): at most
 * {@code perWindow} in each window, successful or not. Past {@code addresses} addresses within a
 * window, every attempt is refused until the window ends: a flood of addresses cannot make room for
 * guessing.
 */
final class LoginAttempts {

    static final int PER_MINUTE = 5;
    static final int ADDRESSES = 10_000;

    private record Window(Instant start, int attempts) {
    }

    private final Clock clock;
    private final int perWindow;
    private final Duration window;
    private final int addresses;
    private final Map<String, Window> windows = new HashMap<>();

    LoginAttempts(Clock clock, int perWindow, Duration window, int addresses) {
        this.clock = clock;
        this.perWindow = perWindow;
        this.window = window;
        this.addresses = addresses;
    }

    static LoginAttempts perMinute(Clock clock) {
        return new LoginAttempts(clock, PER_MINUTE, Duration.ofMinutes(1), ADDRESSES);
    }

    /** Counts an attempt from {@code address}; false when it is one too many (then it is not tried). */
    synchronized boolean admit(String address) {
        Instant now = clock.instant();
        Window current = windows.get(address);
        if (current == null || !now.isBefore(current.start().plus(window))) {
            if (current == null && windows.size() >= addresses) {
                windows.values().removeIf(w -> !now.isBefore(w.start().plus(window)));
                if (windows.size() >= addresses) {
                    return false;
                }
            }
            windows.put(address, new Window(now, 1));
            return true;
        }
        if (current.attempts() >= perWindow) {
            return false;
        }
        windows.put(address, new Window(current.start(), current.attempts() + 1));
        return true;
    }
}

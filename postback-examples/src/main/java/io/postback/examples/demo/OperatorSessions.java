package io.postback.examples.demo;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The operator's sessions (docs/operator-page.md, "The login"): a random 256-bit id per login, in
 * memory only (a restart logs everyone out), valid for {@link #LIFETIME}. At most {@link #MAX}
 * are kept; a login beyond drops the oldest.
 */
final class OperatorSessions {

    static final Duration LIFETIME = Duration.ofHours(12);
    static final int MAX = 1_000;

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Map<String, Instant> expiries = new HashMap<>();

    OperatorSessions(Clock clock) {
        this.clock = clock;
    }

    /** A new session's id. */
    synchronized String open() {
        Instant now = clock.instant();
        expiries.values().removeIf(expiry -> !now.isBefore(expiry));
        if (expiries.size() >= MAX) {
            expiries.entrySet().stream().min(Map.Entry.comparingByValue()).ifPresent(oldest -> expiries.remove(oldest.getKey()));
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        expiries.put(id, now.plus(LIFETIME));
        return id;
    }

    synchronized boolean isOpen(String id) {
        Instant expiry = expiries.get(id);
        return expiry != null && clock.instant().isBefore(expiry);
    }

    synchronized void close(String id) {
        expiries.remove(id);
    }
}

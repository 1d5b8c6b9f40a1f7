package io.postback.memory;

import io.postback.spi.SeenSignatures;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Signatures remembered in this JVM only: enough for one node; several nodes need a shared store. */
public final class InMemorySeenSignatures implements SeenSignatures {

    private static final int PURGE_ABOVE = 10_000;

    private final Map<String, Instant> seen = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemorySeenSignatures(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean firstUse(String signatureDigest, Instant expiresAt) {
        Instant now = clock.instant();
        if (seen.size() > PURGE_ABOVE) {
            seen.values().removeIf(until -> !until.isAfter(now));
        }
        boolean[] first = new boolean[1];
        seen.compute(signatureDigest, (digest, until) -> {
            first[0] = until == null || !until.isAfter(now);
            return first[0] ? expiresAt : until;
        });
        return first[0];
    }

    @Override
    public void forget(String signatureDigest) {
        seen.remove(signatureDigest);
    }
}

package io.postback.memory;

import io.postback.spi.SeenSignatures;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Signatures remembered in this JVM only: enough for one node; several nodes need a shared store. */
public final class InMemorySeenSignatures implements SeenSignatures {

    private static final int PURGE_ABOVE = 10_000;

    private record Use(String postbackId, Instant until) {
    }

    private final Map<String, Use> seen = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemorySeenSignatures(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean firstUse(String signatureDigest, String postbackId, Instant expiresAt) {
        Instant now = clock.instant();
        if (seen.size() > PURGE_ABOVE) {
            seen.values().removeIf(use -> !use.until().isAfter(now));
        }
        boolean[] first = new boolean[1];
        seen.compute(signatureDigest, (digest, use) -> {
            first[0] = use == null || !use.until().isAfter(now);
            return first[0] ? new Use(postbackId, expiresAt) : use;
        });
        return first[0];
    }

    @Override
    public Optional<String> firstUser(String signatureDigest) {
        Use use = seen.get(signatureDigest);
        return use != null && use.until().isAfter(clock.instant()) ? Optional.of(use.postbackId()) : Optional.empty();
    }

    @Override
    public void forget(String signatureDigest) {
        seen.remove(signatureDigest);
    }
}

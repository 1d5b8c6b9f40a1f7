package io.postback.spi;

import java.time.Instant;

/**
 * Remembers the signatures of signed postbacks until they expire, so that a captured signed URL
 * cannot be replayed within its time window (SPEC §2). Stores shared by several nodes implement
 * it with the same insert-if-absent they use for lead keys.
 */
@FunctionalInterface
public interface SeenSignatures {

    /**
     * Records {@code signatureDigest} (a hash of the signature, never the signature itself) as used
     * until {@code expiresAt}.
     *
     * @return true the first time, false if it was already recorded and has not expired
     */
    boolean firstUse(String signatureDigest, Instant expiresAt);

    /**
     * Forgets a digest recorded by a postback that then failed for a transient reason (the store
     * was unavailable), so that the sender's retry of the same signed URL is accepted.
     */
    default void forget(String signatureDigest) {
    }
}

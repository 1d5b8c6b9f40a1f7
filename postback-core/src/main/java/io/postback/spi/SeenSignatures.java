package io.postback.spi;

import java.time.Instant;
import java.util.Optional;

/**
 * Remembers the signatures of signed postbacks until they expire, so that a captured signed URL
 * cannot be replayed within its time window (rules §2), and which postback used each first, so that
 * a sender's retry of a signed postback it already sent gets that postback's answer. Stores shared
 * by several nodes implement it with the same insert-if-absent they use for lead keys.
 */
public interface SeenSignatures {

    /**
     * Records {@code signatureDigest} (a hash of the signature, never the signature itself) as used
     * by {@code postbackId} until {@code expiresAt}.
     *
     * @return true the first time, false if it was already recorded and has not expired
     */
    boolean firstUse(String signatureDigest, String postbackId, Instant expiresAt);

    /** The postback id recorded with a digest that has not expired; empty when none is. */
    Optional<String> firstUser(String signatureDigest);

    /**
     * Forgets a digest recorded by a postback that then failed for a transient reason (the store
     * was unavailable), so that the sender's retry of the same signed URL is accepted.
     */
    default void forget(String signatureDigest) {
    }

    /**
     * As {@link LeadStore#within}: the signatures as one postback with this deadline uses them (a
     * store that is both names them apart, the two views being of different types).
     */
    default SeenSignatures signaturesWithin(Deadline deadline) {
        return this;
    }
}

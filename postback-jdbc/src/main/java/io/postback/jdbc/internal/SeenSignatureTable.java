package io.postback.jdbc.internal;

import io.postback.spi.Deadline;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The signature digests of {@code pb_seen_signature}, each with the postback that used it first,
 * until it expires. Expired digests are purged every thousand or so first uses, so the table stays
 * as small as the signing window.
 */
public final class SeenSignatureTable {

    private static final String PURGE = "DELETE FROM pb_seen_signature WHERE expires_at <= ?";
    private static final String FORGET = "DELETE FROM pb_seen_signature WHERE digest = ?";
    private static final String FIRST_USER = "SELECT postback_id FROM pb_seen_signature WHERE digest = ? AND expires_at > ? AND postback_id IS NOT NULL";
    private static final int PURGE_EVERY = 1024;

    private final SqlDialect dialect;
    private final JdbcRunner runner;
    private final Clock clock;
    private final AtomicLong firstUses = new AtomicLong();

    public SeenSignatureTable(SqlDialect dialect, Clock clock) {
        this.dialect = dialect;
        this.runner = dialect.runner();
        this.clock = clock;
    }

    /** Records the digest as used by the postback; false when an unexpired record of it was there. */
    public boolean firstUse(String digest, String postbackId, Instant expiresAt, Deadline deadline) {
        Instant now = clock.instant();
        boolean first = runner.autoCommit("recording a signature", deadline,
                session -> dialect.firstUse(session, digest, postbackId, expiresAt, now));
        if (firstUses.incrementAndGet() % PURGE_EVERY == 0) {
            purge(now);
        }
        return first;
    }

    /** The postback that used the digest first, while its record has not expired. */
    public Optional<String> firstUser(String digest, Deadline deadline) {
        Instant now = clock.instant();
        return runner.queryFirst("reading a seen signature", deadline, FIRST_USER, b -> b.string(digest).instant(now),
                row -> row.string(1));
    }

    /** Forgets one digest, so that a postback that failed for a transient reason may be sent again. */
    public void forget(String digest, Deadline deadline) {
        runner.update("forgetting a signature", deadline, FORGET, b -> b.string(digest));
    }

    /** Deletes the digests whose window has passed: how many. */
    public int purgeExpired() {
        return purge(clock.instant());
    }

    private int purge(Instant now) {
        return runner.update("purging expired signatures", Deadline.none(), PURGE, b -> b.instant(now));
    }
}

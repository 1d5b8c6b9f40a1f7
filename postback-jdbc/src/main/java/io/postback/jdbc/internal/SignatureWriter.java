package io.postback.jdbc.internal;

import java.sql.SQLException;
import java.time.Instant;

/** Insert-if-absent for signature digests, with the postback that used each first; an expired digest may be recorded again. */
interface SignatureWriter {

    /**
     * True when the digest was not recorded, or only until {@code now} or earlier; records it until
     * {@code expiresAt} as used by {@code postbackId}.
     */
    boolean firstUse(Session session, String digest, String postbackId, Instant expiresAt, Instant now)
            throws SQLException;

    /** Runs an insert: whether it stored its row. */
    @FunctionalInterface
    interface InsertOutcome {
        boolean inserted(Session session, String sql, Parameters parameters) throws SQLException;
    }

    /**
     * Two statements, each atomic: the insert-if-absent, and when the digest is there, an update
     * that only an expired row matches. Two racing renewals cannot both match: the first moves
     * the expiry into the future before the second re-reads the row it waited for.
     */
    final class InsertThenRenew implements SignatureWriter {
        private static final String RENEW = "UPDATE pb_seen_signature SET expires_at = ?, postback_id = ? "
                + "WHERE digest = ? AND expires_at <= ?";

        private final InsertOutcome outcome;
        private final String insert;

        InsertThenRenew(InsertOutcome outcome, String insert) {
            this.outcome = outcome;
            this.insert = insert;
        }

        @Override
        public boolean firstUse(Session session, String digest, String postbackId, Instant expiresAt, Instant now)
                throws SQLException {
            if (outcome.inserted(session, insert, b -> b.string(digest).instant(expiresAt).string(postbackId))) {
                return true;
            }
            return session.update(RENEW, b -> b.instant(expiresAt).string(postbackId).string(digest).instant(now)) == 1;
        }
    }

    /** One statement: PostgreSQL's upsert whose update applies only to an expired row. */
    final class Upsert implements SignatureWriter {
        private static final String SQL = "INSERT INTO pb_seen_signature (digest, expires_at, postback_id) VALUES (?, ?, ?) "
                + "ON CONFLICT (digest) DO UPDATE SET expires_at = EXCLUDED.expires_at, postback_id = EXCLUDED.postback_id "
                + "WHERE pb_seen_signature.expires_at <= ? RETURNING 1";

        @Override
        public boolean firstUse(Session session, String digest, String postbackId, Instant expiresAt, Instant now)
                throws SQLException {
            return session.queryFirst(SQL, b -> b.string(digest).instant(expiresAt).string(postbackId).instant(now),
                    row -> Boolean.TRUE).isPresent();
        }
    }
}

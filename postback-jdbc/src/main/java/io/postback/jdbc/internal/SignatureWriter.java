package io.postback.jdbc.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Insert-if-absent for signature digests, with the postback that used each first; an expired digest may be recorded again. */
interface SignatureWriter {

    String PURGE = "DELETE FROM pb_seen_signature WHERE expires_at <= ?";
    String FORGET = "DELETE FROM pb_seen_signature WHERE digest = ?";
    String FIRST_USER = "SELECT postback_id FROM pb_seen_signature WHERE digest = ? AND expires_at > ?";

    /**
     * True when the digest was not recorded, or only until {@code now} or earlier; records it until
     * {@code expiresAt} as used by {@code postbackId}.
     */
    boolean firstUse(JdbcRunner.Session session, String digest, String postbackId, Instant expiresAt, Instant now)
            throws SQLException;

    /** Whether an insert statement stored its row. */
    @FunctionalInterface
    interface InsertOutcome {
        boolean inserted(PreparedStatement statement) throws SQLException;
    }

    /**
     * Two statements, each atomic: the insert-if-absent, and when the digest is there, an update
     * that only an expired row matches. Two racing renewals cannot both match: the first moves
     * the expiry into the future before the second re-reads the row it waited for.
     */
    final class InsertThenRenew implements SignatureWriter {
        private static final String RENEW = "UPDATE pb_seen_signature SET expires_at = ?, postback_id = ? "
                + "WHERE digest = ? AND expires_at <= ?";

        private final SqlDialect dialect;
        private final InsertOutcome outcome;
        private final String insert;

        InsertThenRenew(SqlDialect dialect, InsertOutcome outcome, String insert) {
            this.dialect = dialect;
            this.outcome = outcome;
            this.insert = insert;
        }

        @Override
        public boolean firstUse(JdbcRunner.Session session, String digest, String postbackId, Instant expiresAt, Instant now)
                throws SQLException {
            try (PreparedStatement statement = session.prepare(insert)) {
                new Binder(statement, dialect).string(digest).instant(expiresAt).string(postbackId);
                if (outcome.inserted(statement)) {
                    return true;
                }
            }
            try (PreparedStatement statement = session.prepare(RENEW)) {
                new Binder(statement, dialect).instant(expiresAt).string(postbackId).string(digest).instant(now);
                return statement.executeUpdate() == 1;
            }
        }
    }

    /** One statement: PostgreSQL's upsert whose update applies only to an expired row. */
    final class Upsert implements SignatureWriter {
        private static final String SQL = "INSERT INTO pb_seen_signature (digest, expires_at, postback_id) VALUES (?, ?, ?) "
                + "ON CONFLICT (digest) DO UPDATE SET expires_at = EXCLUDED.expires_at, postback_id = EXCLUDED.postback_id "
                + "WHERE pb_seen_signature.expires_at <= ? RETURNING 1";

        private final SqlDialect dialect;

        Upsert(SqlDialect dialect) {
            this.dialect = dialect;
        }

        @Override
        public boolean firstUse(JdbcRunner.Session session, String digest, String postbackId, Instant expiresAt, Instant now)
                throws SQLException {
            try (PreparedStatement statement = session.prepare(SQL)) {
                new Binder(statement, dialect).string(digest).instant(expiresAt).string(postbackId).instant(now);
                try (ResultSet rs = statement.executeQuery()) {
                    return rs.next();
                }
            }
        }
    }
}

package io.postback.jdbc.internal;

import io.postback.model.Lead;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * MySQL 8 and MariaDB: {@code INSERT IGNORE} reports a taken key as zero rows, without an error.
 * IGNORE would also turn a data error (a too long value) into a warning and a truncated row, so an
 * insert that stored a row with warnings is refused and rolled back: nothing is ever cut silently.
 * Instants travel as the UTC wall-clock time of DATETIME columns.
 */
final class MySql extends SqlDialect {

    private static final String INSERT_IGNORE = LEAD_INSERT.replaceFirst("INSERT INTO", "INSERT IGNORE INTO");
    private static final String SIGNATURE_INSERT_IGNORE =
            "INSERT IGNORE INTO pb_seen_signature (digest, expires_at, postback_id) VALUES (?, ?, ?)";

    MySql(DataSource dataSource) {
        super(new JdbcRunner(dataSource, JdbcRunner.ConnectionCheck.NONE, Timestamps.UTC_WITHOUT_TIME_ZONE));
    }

    @Override
    OptionalLong insertLeadIfAbsent(Session session, Lead lead) throws SQLException {
        return session.insert(INSERT_IGNORE, b -> LeadTable.bindInsert(b, lead), inserted -> {
            if (inserted.rows() == 0) {
                return OptionalLong.empty();
            }
            Optional<SQLWarning> warning = inserted.warning();
            if (warning.isPresent()) {
                throw new SQLException("the lead row was stored with a warning: " + warning.get().getMessage(), "22000");
            }
            return OptionalLong.of(inserted.generatedId());
        });
    }

    @Override
    String ifAbsent(String insert, String unique) {
        return insert.replaceFirst("INSERT INTO", "INSERT IGNORE INTO");
    }

    /** As the lead's insert: a row stored with a warning is refused. */
    @Override
    boolean insertedIfAbsent(Session session, String sql, Parameters parameters) throws SQLException {
        return session.insert(sql, parameters, inserted -> {
            if (inserted.rows() == 0) {
                return false;
            }
            Optional<SQLWarning> warning = inserted.warning();
            if (warning.isPresent()) {
                throw new SQLException("a row was stored with a warning: " + warning.get().getMessage(), "22000");
            }
            return true;
        });
    }

    @Override
    boolean insertSignatureIfAbsent(Session session, String digest, Instant expiresAt, String postbackId) throws SQLException {
        return session.update(SIGNATURE_INSERT_IGNORE, b -> b.string(digest).instant(expiresAt).string(postbackId)) == 1;
    }
}

package io.postback.jdbc.internal;

import io.postback.model.Lead;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * MySQL 8 and MariaDB: {@code INSERT IGNORE} reports a taken key as zero rows, without an error.
 * IGNORE would also turn a data error (a too long value) into a warning and a truncated row, so an
 * insert that stored a row with warnings is refused and rolled back: nothing is ever cut silently.
 */
final class MySql extends TransactionalSql {

    private static final String INSERT_IGNORE = LEAD_INSERT.replaceFirst("INSERT INTO", "INSERT IGNORE INTO");

    MySql() {
        super(Timestamps.UTC_WITHOUT_TIME_ZONE);
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
    SignatureWriter signatureWriter() {
        return new SignatureWriter.InsertThenRenew((session, sql, parameters) -> session.update(sql, parameters) == 1,
                "INSERT IGNORE INTO pb_seen_signature (digest, expires_at, postback_id) VALUES (?, ?, ?)");
    }
}

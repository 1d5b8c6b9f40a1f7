package io.postback.jdbc.internal;

import io.postback.model.Lead;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.OptionalLong;

/**
 * MySQL 8 and MariaDB: {@code INSERT IGNORE} reports a taken key as zero rows, without an error.
 * IGNORE would also turn a data error (a too long value) into a warning and a truncated row, so an
 * insert that stored a row with warnings is refused and rolled back: nothing is ever cut silently.
 */
final class MySql extends TransactionalSql {

    private static final String INSERT_IGNORE = LEAD_INSERT.replaceFirst("INSERT INTO", "INSERT IGNORE INTO");

    MySql() {
        super(false);
    }

    @Override
    OptionalLong insertLeadIfAbsent(JdbcRunner.Session session, Lead lead) throws SQLException {
        try (PreparedStatement statement = prepareInsert(session, INSERT_IGNORE)) {
            LeadTable.bindInsert(new Binder(statement, this), lead);
            if (statement.executeUpdate() == 0) {
                return OptionalLong.empty();
            }
            SQLWarning warning = statement.getWarnings();
            if (warning != null) {
                throw new SQLException("the lead row was stored with a warning: " + warning.getMessage(), "22000");
            }
            return OptionalLong.of(generatedId(statement));
        }
    }

    @Override
    SignatureWriter signatureWriter() {
        return new SignatureWriter.InsertThenRenew(this, statement -> statement.executeUpdate() == 1,
                "INSERT IGNORE INTO pb_seen_signature (digest, expires_at, postback_id) VALUES (?, ?, ?)");
    }
}

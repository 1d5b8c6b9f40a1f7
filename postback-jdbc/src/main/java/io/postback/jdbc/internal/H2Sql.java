package io.postback.jdbc.internal;

import io.postback.model.Lead;
import java.sql.SQLException;
import java.util.OptionalLong;

/**
 * H2 has neither {@code ON CONFLICT} nor {@code INSERT IGNORE} outside its compatibility modes, and
 * its {@code MERGE} updates or inserts rather than inserting if absent; so a plain insert whose
 * unique violation (SQLState 23505) is the expected duplicate. H2 keeps the transaction usable
 * after a failed statement.
 */
final class H2Sql extends TransactionalSql {

    H2Sql() {
        super(Timestamps.WITH_TIME_ZONE);
    }

    @Override
    OptionalLong insertLeadIfAbsent(Session session, Lead lead) throws SQLException {
        try {
            return OptionalLong.of(session.insert(LEAD_INSERT, b -> LeadTable.bindInsert(b, lead)));
        } catch (SQLException e) {
            if (SqlStates.isUniqueViolation(e)) {
                return OptionalLong.empty();
            }
            throw e;
        }
    }

    private final H2Durability durability = new H2Durability();

    @Override
    JdbcRunner.ConnectionCheck connectionCheck() {
        return durability;
    }

    @Override
    public void prepareDatabase(javax.sql.DataSource dataSource) throws SQLException {
        try (java.sql.Connection connection = dataSource.getConnection()) {
            H2Durability.makeCommitsDurable(dataSource, connection);
        }
    }

    @Override
    String limit() {
        return " FETCH FIRST ? ROWS ONLY";
    }

    @Override
    SignatureWriter signatureWriter() {
        return new SignatureWriter.InsertThenRenew(H2Sql::insertedUnlessTaken,
                "INSERT INTO pb_seen_signature (digest, expires_at, postback_id) VALUES (?, ?, ?)");
    }

    private static boolean insertedUnlessTaken(Session session, String sql, Parameters parameters) throws SQLException {
        try {
            return session.update(sql, parameters) == 1;
        } catch (SQLException e) {
            if (SqlStates.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }
}

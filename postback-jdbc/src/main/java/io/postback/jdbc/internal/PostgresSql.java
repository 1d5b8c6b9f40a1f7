package io.postback.jdbc.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** PostgreSQL: every write is one statement (see {@link CteLeadWriter}); generated ids come from RETURNING. */
final class PostgresSql extends SqlDialect {

    private static final String[] ID = {"id"};

    PostgresSql() {
        super(true);
    }

    @Override
    LeadWriter leadWriter(JdbcRunner runner) {
        return new CteLeadWriter(runner, this);
    }

    @Override
    SignatureWriter signatureWriter() {
        return new SignatureWriter.Upsert(this);
    }

    @Override
    PreparedStatement prepareInsert(JdbcRunner.Session session, String sql) throws SQLException {
        return session.prepareReturning(sql, ID);
    }
}

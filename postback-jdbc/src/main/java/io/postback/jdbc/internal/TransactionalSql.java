package io.postback.jdbc.internal;

import io.postback.model.Lead;
import java.sql.SQLException;
import java.util.OptionalLong;

/** Dialects that write a lead change as a short transaction; they differ in their insert-if-absent. */
abstract class TransactionalSql extends SqlDialect {

    static final String LEAD_INSERT = "INSERT INTO pb_lead " + LeadTable.INSERT_COLUMNS + " VALUES " + LeadTable.INSERT_VALUES;

    TransactionalSql(Timestamps timestamps) {
        super(timestamps);
    }

    /** Inserts the lead in the caller's transaction: its id, or empty when its dedupe key is taken. */
    abstract OptionalLong insertLeadIfAbsent(Session session, Lead lead) throws SQLException;

    @Override
    LeadWriter leadWriter(JdbcRunner runner) {
        return new TransactionalLeadWriter(runner, this);
    }
}

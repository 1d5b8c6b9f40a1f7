package io.postback.jdbc.internal;

import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.spi.Deadline;
import io.postback.spi.Effects;
import java.sql.SQLException;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Lead, journal, ledger and outbox in one transaction of a few statements, for databases without
 * data-modifying CTEs (MySQL/MariaDB, H2). The ledger and the outbox take one multi-row insert each.
 */
final class TransactionalLeadWriter implements LeadWriter {

    private final JdbcRunner runner;
    private final TransactionalSql dialect;
    private final ConcurrentMap<Integer, String> ledgerSql = new ConcurrentHashMap<>();
    private final ConcurrentMap<Integer, String> outboxSql = new ConcurrentHashMap<>();

    TransactionalLeadWriter(JdbcRunner runner, TransactionalSql dialect) {
        this.runner = runner;
        this.dialect = dialect;
    }

    @Override
    public OptionalLong insert(Lead lead, Effects effects, Deadline deadline) {
        return runner.inTransaction("inserting a lead", deadline, session -> {
            OptionalLong id = dialect.insertLeadIfAbsent(session, lead);
            if (id.isEmpty()) {
                session.rollbackOnly();
            } else {
                writeEffects(session, id.getAsLong(), effects);
            }
            return id;
        });
    }

    @Override
    public boolean update(Lead lead, Effects effects, Deadline deadline) {
        return runner.inTransaction("updating a lead", deadline, session -> {
            if (session.update(LeadTable.UPDATE, b -> LeadTable.bindUpdate(b, lead)) == 0) {
                session.rollbackOnly();
                return false;
            }
            writeEffects(session, lead.id(), effects);
            return true;
        });
    }

    /** A plain insert: a unique violation on the postback id is the "journaled already" of SQLState class 23. */
    @Override
    public OptionalLong journal(JournalEntry entry, Deadline deadline) {
        return runner.autoCommit("journaling a postback", deadline, session -> {
            try {
                return OptionalLong.of(insertJournal(session, entry));
            } catch (SQLException e) {
                if (SqlStates.isUniqueViolation(e)) {
                    return OptionalLong.empty(); // the caller tells the postback id's row from a replay key's
                }
                throw e;
            }
        });
    }

    private void writeEffects(Session session, long leadId, Effects effects) throws SQLException {
        JournalEntry journal = effects.journal().withLeadId(leadId);
        long journalId = insertJournal(session, journal);
        int bookings = effects.bookings().size();
        if (bookings > 0) {
            String sql = ledgerSql.computeIfAbsent(bookings,
                    n -> EffectTables.LEDGER_INSERT + EffectTables.values(n, EffectTables.LEDGER_TUPLE));
            session.update(sql, b -> EffectTables.bindLedger(b, leadId, journalId, effects.bookings(), journal.receivedAt()));
        }
        int events = effects.events().size();
        if (events > 0) {
            String sql = outboxSql.computeIfAbsent(events,
                    n -> EffectTables.OUTBOX_INSERT + EffectTables.values(n, EffectTables.OUTBOX_TUPLE));
            session.update(sql, b -> EffectTables.bindOutbox(b, leadId, effects.events()));
        }
    }

    private static long insertJournal(Session session, JournalEntry entry) throws SQLException {
        return session.insert(JournalTable.INSERT, b -> JournalTable.bind(b, entry, false));
    }
}

package io.postback.jdbc.internal;

import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.spi.Deadline;
import io.postback.spi.Effects;
import java.sql.PreparedStatement;
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
            try (PreparedStatement statement = session.prepare(LeadTable.UPDATE)) {
                LeadTable.bindUpdate(new Binder(statement, dialect), lead);
                if (statement.executeUpdate() == 0) {
                    session.rollbackOnly();
                    return false;
                }
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

    private void writeEffects(JdbcRunner.Session session, long leadId, Effects effects) throws SQLException {
        JournalEntry journal = effects.journal().withLeadId(leadId);
        long journalId = insertJournal(session, journal);
        int bookings = effects.bookings().size();
        if (bookings > 0) {
            String sql = ledgerSql.computeIfAbsent(bookings,
                    n -> EffectTables.LEDGER_INSERT + EffectTables.values(n, EffectTables.LEDGER_TUPLE));
            try (PreparedStatement statement = session.prepare(sql)) {
                EffectTables.bindLedger(new Binder(statement, dialect), leadId, journalId, effects.bookings(), journal.receivedAt());
                statement.executeUpdate();
            }
        }
        int events = effects.events().size();
        if (events > 0) {
            String sql = outboxSql.computeIfAbsent(events,
                    n -> EffectTables.OUTBOX_INSERT + EffectTables.values(n, EffectTables.OUTBOX_TUPLE));
            try (PreparedStatement statement = session.prepare(sql)) {
                EffectTables.bindOutbox(new Binder(statement, dialect), leadId, effects.events());
                statement.executeUpdate();
            }
        }
    }

    private long insertJournal(JdbcRunner.Session session, JournalEntry entry) throws SQLException {
        try (PreparedStatement statement = dialect.prepareInsert(session, JournalTable.INSERT)) {
            JournalTable.bind(new Binder(statement, dialect), entry, false);
            statement.executeUpdate();
            return SqlDialect.generatedId(statement);
        }
    }
}

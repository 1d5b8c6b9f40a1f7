package io.postback.jdbc.internal;

import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.spi.Effects;
import java.sql.Connection;
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

    static final String JOURNAL_INSERT = "INSERT INTO pb_journal " + JournalTable.COLUMNS + " VALUES " + JournalTable.VALUES;

    private final JdbcRunner runner;
    private final TransactionalSql dialect;
    private final ConcurrentMap<Integer, String> ledgerSql = new ConcurrentHashMap<>();
    private final ConcurrentMap<Integer, String> outboxSql = new ConcurrentHashMap<>();

    TransactionalLeadWriter(JdbcRunner runner, TransactionalSql dialect) {
        this.runner = runner;
        this.dialect = dialect;
    }

    @Override
    public OptionalLong insert(Lead lead, Effects effects) {
        return runner.inTransaction("inserting a lead", (connection, tx) -> {
            OptionalLong id = dialect.insertLeadIfAbsent(connection, lead);
            if (id.isEmpty()) {
                tx.rollbackOnly();
            } else {
                writeEffects(connection, id.getAsLong(), effects);
            }
            return id;
        });
    }

    @Override
    public boolean update(Lead lead, Effects effects) {
        return runner.inTransaction("updating a lead", (connection, tx) -> {
            try (PreparedStatement statement = connection.prepareStatement(LeadTable.UPDATE)) {
                LeadTable.bindUpdate(new Binder(statement, dialect), lead);
                if (statement.executeUpdate() == 0) {
                    tx.rollbackOnly();
                    return false;
                }
            }
            writeEffects(connection, lead.id(), effects);
            return true;
        });
    }

    @Override
    public long journal(JournalEntry entry) {
        return runner.autoCommit("journaling a postback", connection -> insertJournal(connection, entry));
    }

    private void writeEffects(Connection connection, long leadId, Effects effects) throws SQLException {
        JournalEntry journal = effects.journal().withLeadId(leadId);
        long journalId = insertJournal(connection, journal);
        int bookings = effects.bookings().size();
        if (bookings > 0) {
            String sql = ledgerSql.computeIfAbsent(bookings,
                    n -> EffectTables.LEDGER_INSERT + EffectTables.values(n, EffectTables.LEDGER_TUPLE));
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                EffectTables.bindLedger(new Binder(statement, dialect), leadId, journalId, effects.bookings(), journal.receivedAt());
                statement.executeUpdate();
            }
        }
        int events = effects.events().size();
        if (events > 0) {
            String sql = outboxSql.computeIfAbsent(events,
                    n -> EffectTables.OUTBOX_INSERT + EffectTables.values(n, EffectTables.OUTBOX_TUPLE));
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                EffectTables.bindOutbox(new Binder(statement, dialect), leadId, effects.events());
                statement.executeUpdate();
            }
        }
    }

    private long insertJournal(Connection connection, JournalEntry entry) throws SQLException {
        try (PreparedStatement statement = dialect.prepareInsert(connection, JOURNAL_INSERT)) {
            JournalTable.bind(new Binder(statement, dialect), entry, false);
            statement.executeUpdate();
            return SqlDialect.generatedId(statement);
        }
    }
}

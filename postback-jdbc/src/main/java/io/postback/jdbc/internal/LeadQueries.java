package io.postback.jdbc.internal;

import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.model.LedgerEntry;
import io.postback.spi.Deadline;
import io.postback.spi.LeadLookup;
import io.postback.spi.StoredEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every read of the lead store: one statement each. The lookups of SPEC §3 are single index
 * probes: {@code (offer_id, dedupe_key)} is unique, the newest lead of a click walks
 * {@code (click, offer_id, id)} backwards, a lead by id is the primary key (and must be of the offer).
 */
public final class LeadQueries {

    private static final String BY_KEY = LeadTable.SELECT + " WHERE offer_id = ? AND dedupe_key = ?";
    private static final String BY_ID = LeadTable.SELECT + " WHERE id = ?";

    /** Reads rows of one result set. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet rs, SqlDialect dialect) throws SQLException;
    }

    /** Binds the parameters of one query. */
    @FunctionalInterface
    interface Parameters {
        void bind(Binder binder) throws SQLException;
    }

    private final JdbcRunner runner;
    private final SqlDialect dialect;
    private final String newestOfClick;
    private final String latestLeads;
    private final String latestJournal;
    private final String rejectedAfter;
    private final String ledger = EffectTables.LEDGER_SELECT + " WHERE lead_id = ? ORDER BY id";
    private final String pending;
    private final String replayed;

    public LeadQueries(JdbcRunner runner, SqlDialect dialect) {
        this.runner = runner;
        this.dialect = dialect;
        this.newestOfClick = LeadTable.SELECT + " WHERE offer_id = ? AND click = ? ORDER BY id DESC" + dialect.limit();
        this.latestLeads = LeadTable.SELECT + " ORDER BY id DESC" + dialect.limit();
        this.latestJournal = JournalTable.SELECT + " ORDER BY id DESC" + dialect.limit();
        this.rejectedAfter = JournalTable.SELECT + " WHERE outcome = 'rejected' AND id > ? ORDER BY id" + dialect.limit();
        this.pending = EffectTables.OUTBOX_SELECT + " ORDER BY id" + dialect.limit();
        this.replayed = "SELECT id FROM pb_journal WHERE replay_key = ?" + dialect.limit();
    }

    public Optional<Lead> find(LeadLookup lookup, Deadline deadline) {
        if (lookup instanceof LeadLookup.ByKey byKey) {
            return lookup("finding a lead by key", BY_KEY, b -> b.number(byKey.offerId()).string(byKey.dedupeKey()), deadline);
        }
        if (lookup instanceof LeadLookup.NewestOfClick byClick) {
            return lookup("finding the newest lead of a click", newestOfClick,
                    b -> b.number(byClick.offerId()).string(byClick.click()).number(1), deadline);
        }
        // By the primary key alone, the offer checked here: "id = ? AND offer_id = ?" lets a generic
        // plan probe the dedupe index by offer and filter on id (see PostgresGenericPlanTest).
        LeadLookup.ById byId = (LeadLookup.ById) lookup;
        return lookup("finding a lead by id", BY_ID, b -> b.number(byId.leadId()), deadline)
                .filter(lead -> lead.offerId() == byId.offerId());
    }

    public Optional<Lead> lead(long leadId) {
        return first("reading a lead", BY_ID, b -> b.number(leadId), LeadTable::read, Deadline.none());
    }

    /** The journal entry of a postback, by its unique postback id. */
    public Optional<JournalEntry> journalEntry(String postbackId, Deadline deadline) {
        return first("reading a postback's journal entry", JournalTable.BY_POSTBACK_ID, b -> b.string(postbackId),
                JournalTable::read, deadline);
    }

    /** The postback that used a signature first, while the signature has not expired at {@code now}. */
    public Optional<String> signatureUser(String digest, Instant now, Deadline deadline) {
        return first("reading a seen signature", SignatureWriter.FIRST_USER, b -> b.string(digest).instant(now),
                (rs, d) -> rs.getString(1), deadline);
    }

    public List<Lead> latestLeads(int limit) {
        return list("reading the latest leads", latestLeads, b -> b.number(limit), LeadTable::read, Deadline.none());
    }

    public List<LedgerEntry> ledger(long leadId) {
        return list("reading a ledger", ledger, b -> b.number(leadId), EffectTables::readLedger, Deadline.none());
    }

    public List<JournalEntry> latestJournal(int limit) {
        return list("reading the journal", latestJournal, b -> b.number(limit), JournalTable::read, Deadline.none());
    }

    public List<JournalEntry> rejectedAfter(long afterId, int limit) {
        return list("reading rejected postbacks", rejectedAfter, b -> b.number(afterId).number(limit), JournalTable::read,
                Deadline.none());
    }

    public boolean replayed(long journalId) {
        return first("reading the journal", replayed, b -> b.number(journalId).number(1), (rs, d) -> rs.getLong(1),
                Deadline.none()).isPresent();
    }

    public List<StoredEvent> pending(int max) {
        return list("reading the outbox", pending, b -> b.number(max), EffectTables::readEvent, Deadline.none());
    }

    /** A hot-path lookup: at most one lead. */
    private Optional<Lead> lookup(String operation, String sql, Parameters parameters, Deadline deadline) {
        return runner.autoCommit(operation, deadline, session -> {
            try (PreparedStatement statement = session.prepare(sql)) {
                parameters.bind(new Binder(statement, dialect));
                try (ResultSet rs = statement.executeQuery()) {
                    return rs.next() ? Optional.of(LeadTable.read(rs, dialect)) : Optional.empty();
                }
            }
        });
    }

    private <T> Optional<T> first(String operation, String sql, Parameters parameters, RowReader<T> reader,
                                  Deadline deadline) {
        List<T> rows = list(operation, sql, parameters, reader, deadline);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private <T> List<T> list(String operation, String sql, Parameters parameters, RowReader<T> reader, Deadline deadline) {
        return runner.autoCommit(operation, deadline, session -> {
            try (PreparedStatement statement = session.prepare(sql)) {
                parameters.bind(new Binder(statement, dialect));
                try (ResultSet rs = statement.executeQuery()) {
                    List<T> rows = new ArrayList<>();
                    while (rs.next()) {
                        rows.add(reader.read(rs, dialect));
                    }
                    return rows;
                }
            }
        });
    }
}

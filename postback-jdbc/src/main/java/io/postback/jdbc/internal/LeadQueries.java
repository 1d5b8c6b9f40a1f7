package io.postback.jdbc.internal;

import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.model.LedgerEntry;
import io.postback.spi.Deadline;
import io.postback.spi.LeadLookup;
import java.util.List;
import java.util.Optional;

/**
 * The reads of leads, their ledger and the journal: one statement each. The lookups of rules §3 are single index
 * probes: {@code (offer_id, dedupe_key)} is unique, the newest lead of a click walks
 * {@code (click, offer_id, id)} backwards, a lead by id is the primary key (and must be of the offer).
 */
public final class LeadQueries {

    private static final String BY_KEY = LeadTable.SELECT + " WHERE offer_id = ? AND dedupe_key = ?";
    private static final String BY_ID = LeadTable.SELECT + " WHERE id = ?";

    private final JdbcRunner runner;
    private final String newestOfClick;
    private final String latestLeads;
    private final String latestJournal;
    private final String rejectedAfter;
    private final String ledger = EffectTables.LEDGER_SELECT + " WHERE lead_id = ? ORDER BY id";
    private final String replayed;

    public LeadQueries(SqlDialect dialect) {
        this.runner = dialect.runner();
        this.newestOfClick = LeadTable.SELECT + " WHERE offer_id = ? AND click = ? ORDER BY id DESC" + dialect.limit();
        this.latestLeads = LeadTable.SELECT + " ORDER BY id DESC" + dialect.limit();
        this.latestJournal = JournalTable.SELECT + " ORDER BY id DESC" + dialect.limit();
        this.rejectedAfter = JournalTable.SELECT + " WHERE outcome = 'rejected' AND id > ? ORDER BY id" + dialect.limit();
        this.replayed = "SELECT id FROM pb_journal WHERE replay_key = ?" + dialect.limit();
    }

    public Optional<Lead> find(LeadLookup lookup, Deadline deadline) {
        if (lookup instanceof LeadLookup.ByKey byKey) {
            return runner.queryFirst("finding a lead by key", deadline, BY_KEY,
                    b -> b.number(byKey.offerId()).string(byKey.dedupeKey()), LeadTable::read);
        }
        if (lookup instanceof LeadLookup.NewestOfClick byClick) {
            return runner.queryFirst("finding the newest lead of a click", deadline, newestOfClick,
                    b -> b.number(byClick.offerId()).string(byClick.click()).number(1), LeadTable::read);
        }
        // By the primary key alone, the offer checked here: "id = ? AND offer_id = ?" lets a generic
        // plan probe the dedupe index by offer and filter on id (see PostgresGenericPlanTest).
        LeadLookup.ById byId = (LeadLookup.ById) lookup;
        return runner.queryFirst("finding a lead by id", deadline, BY_ID, b -> b.number(byId.leadId()), LeadTable::read)
                .filter(lead -> lead.offerId() == byId.offerId());
    }

    public Optional<Lead> lead(long leadId) {
        return runner.queryFirst("reading a lead", Deadline.none(), BY_ID, b -> b.number(leadId), LeadTable::read);
    }

    /** The journal entry of a postback, by its unique postback id. */
    public Optional<JournalEntry> journalEntry(String postbackId, Deadline deadline) {
        return runner.queryFirst("reading a postback's journal entry", deadline, JournalTable.BY_POSTBACK_ID,
                b -> b.string(postbackId), JournalTable::read);
    }

    public List<Lead> latestLeads(int limit) {
        return runner.query("reading the latest leads", Deadline.none(), latestLeads, b -> b.number(limit), LeadTable::read);
    }

    public List<LedgerEntry> ledger(long leadId) {
        return runner.query("reading a ledger", Deadline.none(), ledger, b -> b.number(leadId), EffectTables::readLedger);
    }

    public List<JournalEntry> latestJournal(int limit) {
        return runner.query("reading the journal", Deadline.none(), latestJournal, b -> b.number(limit), JournalTable::read);
    }

    public List<JournalEntry> rejectedAfter(long afterId, int limit) {
        return runner.query("reading rejected postbacks", Deadline.none(), rejectedAfter, b -> b.number(afterId).number(limit),
                JournalTable::read);
    }

    public boolean replayed(long journalId) {
        return runner.queryFirst("reading the journal", Deadline.none(), replayed, b -> b.number(journalId).number(1),
                row -> row.number(1)).isPresent();
    }
}

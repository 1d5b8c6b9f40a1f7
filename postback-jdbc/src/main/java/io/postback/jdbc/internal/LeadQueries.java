package io.postback.jdbc.internal;

import io.postback.model.CapSlot;
import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.model.LedgerEntry;
import io.postback.spi.Deadline;
import io.postback.spi.LeadLookup;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The reads of leads, their ledger and the journal: one statement each. The lookups of rules §3 are single index
 * probes: {@code (offer_id, dedupe_key)} is unique, the newest lead of a click walks
 * {@code (click, offer_id, id)} backwards, a lead by id is the primary key (and must be of the offer).
 * A key is looked up in the leads' own keys and, when none has it, in their other keys
 * ({@code pb_lead_key}, rules §12): a second statement on a miss only. (One statement of both,
 * UNION ALL, cost a lookup that hits about 10 µs more on PostgreSQL, and most lookups hit.)
 */
public final class LeadQueries {

    private static final String BY_KEY = LeadTable.SELECT + " WHERE offer_id = ? AND dedupe_key = ?";
    private static final String BY_OTHER_KEY = LeadTable.SELECT
            + " WHERE id = (SELECT lead_id FROM pb_lead_key WHERE offer_id = ? AND dedupe_key = ?)";
    private static final String BY_ID = LeadTable.SELECT + " WHERE id = ?";
    private static final String CAP_USED = "SELECT used FROM pb_cap_use WHERE cap_key = ? AND period = ?";

    private final JdbcRunner runner;
    private final String newestOfClick;
    private final String newestOfClickAndGoal;
    private final String dueForRelease;
    private final String latestLeads;
    private final String latestJournal;
    private final String rejectedAfter;
    private final String ledger = EffectTables.LEDGER_SELECT + " WHERE lead_id = ? ORDER BY id";
    private final String replayed;
    private final String created;

    public LeadQueries(SqlDialect dialect) {
        this.runner = dialect.runner();
        this.newestOfClick = LeadTable.SELECT + " WHERE offer_id = ? AND click = ? ORDER BY id DESC" + dialect.limit();
        // The click's index walked backwards, the goal checked on each lead met: a click has few leads.
        this.newestOfClickAndGoal = LeadTable.SELECT + " WHERE offer_id = ? AND click = ? AND goal = ? ORDER BY id DESC"
                + dialect.limit();
        this.dueForRelease = LeadTable.SELECT + " WHERE release_at <= ? ORDER BY release_at, id" + dialect.limit();
        this.latestLeads = LeadTable.SELECT + " ORDER BY id DESC" + dialect.limit();
        this.latestJournal = JournalTable.SELECT + " ORDER BY id DESC" + dialect.limit();
        this.rejectedAfter = JournalTable.SELECT + " WHERE outcome = 'rejected' AND id > ? ORDER BY id" + dialect.limit();
        this.replayed = "SELECT id FROM pb_journal WHERE replay_key = ?" + dialect.limit();
        // The primary key walked from afterId, the offer and period checked on each row: one pass
        // over the ids for a whole reconciliation, however many pages. "offer_id + 0" keeps the
        // planners off pb_lead_dedupe's offer prefix, which made H2 read and sort every lead of the
        // offer for each page (1.5 s a page at 100,000 leads, against 4 ms).
        this.created = LeadTable.SELECT + " WHERE id > ? AND offer_id + 0 = ? AND created_at >= ? AND created_at < ? ORDER BY id"
                + dialect.limit();
    }

    public Optional<Lead> find(LeadLookup lookup, Deadline deadline) {
        if (lookup instanceof LeadLookup.ByKey byKey) {
            Parameters key = b -> b.number(byKey.offerId()).string(byKey.dedupeKey());
            Optional<Lead> own = runner.queryFirst("finding a lead by key", deadline, BY_KEY, key, LeadTable::read);
            return own.isPresent() ? own
                    : runner.queryFirst("finding a lead by another key", deadline, BY_OTHER_KEY, key, LeadTable::read);
        }
        if (lookup instanceof LeadLookup.NewestOfClick byClick) {
            return runner.queryFirst("finding the newest lead of a click", deadline, newestOfClick,
                    b -> b.number(byClick.offerId()).string(byClick.click()).number(1), LeadTable::read);
        }
        if (lookup instanceof LeadLookup.NewestOfClickAndGoal byGoal) {
            return runner.queryFirst("finding the newest lead of a click and goal", deadline, newestOfClickAndGoal,
                    b -> b.number(byGoal.offerId()).string(byGoal.click()).string(byGoal.goal()).number(1), LeadTable::read);
        }
        // By the primary key alone, the offer checked here: "id = ? AND offer_id = ?" lets a generic
        // plan probe the dedupe index by offer and filter on id (see PostgresGenericPlanTest).
        LeadLookup.ById byId = (LeadLookup.ById) lookup;
        return runner.queryFirst("finding a lead by id", deadline, BY_ID, b -> b.number(byId.leadId()), LeadTable::read)
                .filter(lead -> lead.offerId() == byId.offerId());
    }

    /** Leads whose hold period (rules §13) ends at {@code now} or earlier, soonest first: a walk of {@code pb_lead_release}. */
    public List<Lead> dueForRelease(Instant now, int limit, Deadline deadline) {
        return runner.query("reading the leads due for release", deadline, dueForRelease, b -> b.instant(now).number(limit),
                LeadTable::read);
    }

    /** The slots taken in a cap's period (rules §14); zero before the first. */
    public long capUsed(CapSlot slot) {
        return runner.queryFirst("reading a cap's use", Deadline.none(), CAP_USED, b -> b.string(slot.cap()).string(slot.period()),
                row -> row.number(1)).orElse(0L);
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

    public List<Lead> leadsCreated(long offerId, Instant from, Instant to, long afterId, int limit) {
        return runner.query("reading the leads of a period", Deadline.none(), created,
                b -> b.number(afterId).number(offerId).instant(from).instant(to).number(limit), LeadTable::read);
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

package io.postback.jdbc.internal;

import io.postback.model.ErrorCode;
import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.spi.Deadline;
import io.postback.spi.RejectionCount;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The reads of the operator page (docs/operator-page.md), never on a postback's path. The leads of
 * a click walk {@code (click, offer_id, id)}, of an {@code exto} {@code pb_lead_exto}, a lead's
 * journal {@code pb_journal_lead}; the rejection counts walk the index of rejected journal rows
 * newest first, no further than {@code max} rows.
 */
public final class OperatorQueries {

    private final JdbcRunner runner;
    private final String leadsOfClick;
    private final String leadsOfExto;
    private final String journalOf;
    private final String rejectionsSince;

    public OperatorQueries(SqlDialect dialect) {
        this.runner = dialect.runner();
        this.leadsOfClick = LeadTable.SELECT + " WHERE click = ? ORDER BY id DESC" + dialect.limit();
        this.leadsOfExto = LeadTable.SELECT + " WHERE exto = ? ORDER BY id DESC" + dialect.limit();
        this.journalOf = JournalTable.SELECT + " WHERE lead_id = ? ORDER BY id DESC" + dialect.limit();
        this.rejectionsSince = "SELECT site_id, error_code, COUNT(*) FROM (SELECT site_id, error_code, received_at "
                + "FROM pb_journal WHERE outcome = 'rejected' ORDER BY id DESC" + dialect.limit() + ") newest "
                + "WHERE received_at >= ? AND error_code IS NOT NULL GROUP BY site_id, error_code";
    }

    public List<Lead> leadsOfClick(String click, int limit) {
        return runner.query("reading the leads of a click", Deadline.none(), leadsOfClick, b -> b.string(click).number(limit),
                LeadTable::read);
    }

    public List<Lead> leadsOfExto(String exto, int limit) {
        return runner.query("reading the leads of an exto", Deadline.none(), leadsOfExto, b -> b.string(exto).number(limit),
                LeadTable::read);
    }

    public List<JournalEntry> journalOf(long leadId, int limit) {
        return runner.query("reading a lead's journal", Deadline.none(), journalOf, b -> b.number(leadId).number(limit),
                JournalTable::read);
    }

    public List<RejectionCount> rejectionsSince(Instant since, int max) {
        return runner.query("counting rejected postbacks", Deadline.none(), rejectionsSince, b -> b.number(max).instant(since),
                row -> new RejectionCount(row.optionalNumber(1), ErrorCode.valueOf(row.string(2).toUpperCase(Locale.ROOT)),
                        row.number(3)));
    }
}

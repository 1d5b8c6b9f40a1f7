package io.postback.testing;

import io.postback.model.Lead;
import io.postback.model.LedgerEntry;
import io.postback.spi.LeadHistory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a store holds about leads, read through {@link LeadHistory}: each lead with its
 * ledger, and the journal size. Two snapshots are equal when no lead, version or booking changed.
 */
public record StoreSnapshot(Map<Long, Lead> leads, Map<Long, List<LedgerEntry>> ledgers, int journalSize) {

    public static StoreSnapshot of(LeadHistory history) {
        Map<Long, Lead> leads = new LinkedHashMap<>();
        Map<Long, List<LedgerEntry>> ledgers = new LinkedHashMap<>();
        for (Lead lead : history.latestLeads(Integer.MAX_VALUE)) {
            leads.put(lead.id(), lead);
            ledgers.put(lead.id(), history.ledger(lead.id()));
        }
        return new StoreSnapshot(Map.copyOf(leads), Map.copyOf(ledgers), history.latestJournal(Integer.MAX_VALUE).size());
    }

    /** The same leads and ledgers, whatever happened to the journal. */
    public boolean sameLeadsAs(StoreSnapshot other) {
        return leads.equals(other.leads) && ledgers.equals(other.ledgers);
    }
}

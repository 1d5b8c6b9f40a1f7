package io.postback.jdbc.internal;

import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.model.LeadEvent;
import io.postback.spi.Deadline;
import io.postback.spi.Effects;
import io.postback.spi.Insertion;
import io.postback.spi.LeadLookup;
import io.postback.spi.StoreException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The lead store's writes in the SPI's terms, over the dialect's statements: inputs are normalised
 * to what the store keeps, an insert refused for its key is answered with the lead that holds the
 * key, a journal entry refused for its postback id with the entry journaled first.
 */
public final class LeadWrites {

    private final SqlDialect dialect;
    private final LeadQueries queries;

    public LeadWrites(SqlDialect dialect, LeadQueries queries) {
        this.dialect = dialect;
        this.queries = queries;
    }

    /**
     * Inserts the lead with its effects, or answers the lead that holds its key; then
     * {@code duplicate}, when given, is journaled for that lead (in the same statement where the
     * dialect can). A lead that lost the race is read after the winner committed (the unique index
     * made the loser wait for it).
     */
    public Insertion insert(Lead lead, Effects effects, Optional<JournalEntry> duplicate, Deadline deadline) {
        Lead stored = LeadTable.normalized(lead);
        OptionalLong id = dialect.insertLead(stored, normalized(effects), deadline);
        if (id.isPresent()) {
            return new Insertion.Inserted(stored.stored(id.getAsLong()));
        }
        Lead holder = duplicate.isPresent() ? journalForHolder(stored, duplicate.get(), deadline) : holderOfKey(lead, deadline);
        return new Insertion.AlreadyExists(holder);
    }

    private Lead journalForHolder(Lead lead, JournalEntry duplicate, Deadline deadline) {
        Optional<Lead> holder = dialect.journalForHolderOfKey(lead, JournalTable.normalized(duplicate), deadline);
        if (holder.isPresent()) {
            return holder.get();
        }
        Lead found = holderOfKey(lead, deadline);
        journal(duplicate.withLeadId(found.id()), deadline);
        return found;
    }

    private Lead holderOfKey(Lead lead, Deadline deadline) {
        String key = lead.dedupeKey().orElseThrow(() -> new StoreException("inserting a lead without a dedupe key was refused"));
        return queries.find(new LeadLookup.ByKey(lead.offerId(), key), deadline).orElseThrow(() -> new StoreException(
                "inserting a lead failed: its key was reported taken, but no lead of offer " + lead.offerId() + " holds it"));
    }

    /** The compare-and-set on the lead's version; false when another change won. */
    public boolean update(Lead lead, Effects effects, Deadline deadline) {
        return dialect.updateLead(LeadTable.normalized(lead), normalized(effects), deadline);
    }

    /** Journals the entry, or answers the entry journaled before for its postback id. */
    public JournalEntry journal(JournalEntry entry, Deadline deadline) {
        JournalEntry stored = JournalTable.normalized(entry);
        OptionalLong id = dialect.journal(stored, deadline);
        if (id.isPresent()) {
            return stored.withId(id.getAsLong());
        }
        // Refused by a unique key: the postback id's, or (a second applied replay) the replay key's.
        return queries.journalEntry(entry.postbackId(), deadline).orElseThrow(() -> new StoreException(
                "journaling a postback failed: " + (entry.replayOf().isPresent()
                        ? "journal entry " + entry.replayOf().getAsLong() + " was already replayed" : "a unique key refused it")));
    }

    private static Effects normalized(Effects effects) {
        return new Effects(JournalTable.normalized(effects.journal()), effects.bookings(), effects.events().stream()
                .map(e -> new LeadEvent(e.type(), e.leadId(), e.offerId(), e.status(), e.goal(), e.booking(),
                        Timestamps.micros(e.at()), e.fields()))
                .toList());
    }
}

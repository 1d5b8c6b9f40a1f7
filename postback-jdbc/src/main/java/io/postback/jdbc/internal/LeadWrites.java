package io.postback.jdbc.internal;

import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.model.LeadEvent;
import io.postback.spi.CapFull;
import io.postback.spi.Deadline;
import io.postback.spi.Effects;
import io.postback.spi.Insertion;
import io.postback.spi.LeadLookup;
import io.postback.spi.StoreException;
import io.postback.spi.Update;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The lead store's writes in the SPI's terms, over the dialect's statements: inputs are normalised
 * to what the store keeps, an insert refused for its key is answered with the lead that holds the
 * key, a journal entry refused for its postback id with the entry journaled first. Changes that
 * take cap slots or register keys go through {@link GuardedWrites}; the others keep the dialect's
 * fastest statements.
 */
public final class LeadWrites {

    private final SqlDialect dialect;
    private final LeadQueries queries;
    private final GuardedWrites guarded;

    public LeadWrites(SqlDialect dialect, LeadQueries queries) {
        this.dialect = dialect;
        this.queries = queries;
        this.guarded = new GuardedWrites(dialect);
    }

    /**
     * Inserts the lead with its effects, or answers the lead that holds its key (or one of its
     * other keys) or the cap slot without room; then {@code duplicate}, when given, is journaled
     * for the holder (in the same statement where the dialect can). A lead that lost the race is
     * read after the winner committed (the unique index made the loser wait for it).
     */
    public Insertion insert(Lead lead, Effects effects, Optional<JournalEntry> duplicate, Deadline deadline) {
        Lead stored = LeadTable.normalized(lead);
        Effects normalized = normalized(effects);
        String takenKey;
        if (effects.touchesCapsOrKeys()) {
            GuardedWrites.Outcome outcome = guarded.insert(stored, normalized, deadline);
            if (outcome instanceof GuardedWrites.Written written) {
                return new Insertion.Inserted(stored.stored(written.leadId()));
            }
            if (outcome instanceof GuardedWrites.Full full) {
                return new CapFull(full.slot());
            }
            takenKey = ((GuardedWrites.KeyTaken) outcome).key();
        } else {
            OptionalLong id = dialect.insertLead(stored, normalized, deadline);
            if (id.isPresent()) {
                return new Insertion.Inserted(stored.stored(id.getAsLong()));
            }
            takenKey = stored.dedupeKey().orElseThrow(() -> new StoreException("inserting a lead without a dedupe key was refused"));
        }
        Lead holder = duplicate.isPresent() ? journalForHolder(stored, takenKey, duplicate.get(), deadline)
                : holderOfKey(stored.offerId(), takenKey, deadline);
        return new Insertion.AlreadyExists(holder);
    }

    private Lead journalForHolder(Lead lead, String key, JournalEntry duplicate, Deadline deadline) {
        if (lead.dedupeKey().equals(Optional.of(key))) {
            Optional<Lead> holder = dialect.journalForHolderOfKey(lead, JournalTable.normalized(duplicate), deadline);
            if (holder.isPresent()) {
                return holder.get();
            }
        }
        Lead found = holderOfKey(lead.offerId(), key, deadline);
        journal(duplicate.withLeadId(found.id()), deadline);
        return found;
    }

    private Lead holderOfKey(long offerId, String key, Deadline deadline) {
        return queries.find(new LeadLookup.ByKey(offerId, key), deadline).orElseThrow(() -> new StoreException(
                "inserting a lead failed: its key was reported taken, but no lead of offer " + offerId + " holds it"));
    }

    /** The compare-and-set on the lead's version, with its keys and cap slots when it has any. */
    public Update update(Lead lead, Effects effects, Deadline deadline) {
        Lead stored = LeadTable.normalized(lead);
        if (!effects.touchesCapsOrKeys()) {
            return dialect.updateLead(stored, normalized(effects), deadline) ? Update.APPLIED : Update.OUTDATED;
        }
        GuardedWrites.Outcome outcome = guarded.update(stored, normalized(effects), deadline);
        if (outcome instanceof GuardedWrites.Written) {
            return Update.APPLIED;
        }
        if (outcome instanceof GuardedWrites.Full full) {
            return new CapFull(full.slot());
        }
        // The version moved on, or another lead took a key meanwhile: the caller reads the lead again.
        return Update.OUTDATED;
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
                .toList(), effects.capTakes(), effects.capFrees(), effects.keys(),
                effects.deliveries());
    }
}

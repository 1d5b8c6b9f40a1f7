package io.postback.spi;

import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import java.util.Optional;

/**
 * Where leads live. Implementations give the guarantees of SPEC §9 with their own means (a UNIQUE
 * key, a version column, a transaction), never with a JVM lock that another node would not see.
 * Infrastructure failures are thrown as {@link StoreException}; expected outcomes are values.
 */
public interface LeadStore {

    /** The lead the lookup addresses, if any. */
    Optional<Lead> find(LeadLookup lookup);

    /**
     * Inserts the lead unless a lead of the same offer already has its dedupe key (leads without a
     * key are always inserted). On insert, the effects are written in the same unit of work, with
     * the new lead's id filled into the journal entry and the events.
     *
     * @param lead a lead with id 0
     */
    Insertion insert(Lead lead, Effects effects);

    /**
     * {@link #insert}, and when the key is taken, {@link #journal} of {@code duplicate} completed with
     * the id of the lead that holds the key ({@link JournalEntry#withLeadId}). A retried CREATE is
     * common; stores that can read the holder and journal the duplicate in fewer round trips than
     * {@code insert}, {@code find} and {@code journal} override this.
     *
     * @param duplicate the entry to journal if the lead exists, without a lead id
     */
    default Insertion insertOrJournalDuplicate(Lead lead, Effects effects, JournalEntry duplicate) {
        Insertion insertion = insert(lead, effects);
        if (insertion instanceof Insertion.AlreadyExists existing) {
            journal(duplicate.withLeadId(existing.lead().id()));
        }
        return insertion;
    }

    /**
     * Compare-and-set: stores {@code lead}'s state and the effects if, and only if, the stored lead
     * still has {@code lead.version()}; the stored version then becomes {@code lead.version() + 1}.
     *
     * @return false when another change came first; nothing was written
     */
    boolean update(Lead lead, Effects effects);

    /**
     * Journals a postback that changed no lead (rejected, duplicate, unchanged, stale).
     *
     * @return the entry with its id
     */
    JournalEntry journal(JournalEntry entry);
}

package io.postback.spi;

import io.postback.model.CapSlot;
import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where leads live. Implementations give the guarantees of rules §9 with their own means (a UNIQUE
 * key, a version column, a transaction), never with a JVM lock that another node would not see.
 * Infrastructure failures are thrown as {@link StoreException}; expected outcomes are values.
 */
public interface LeadStore {

    /** The lead the lookup addresses, if any. */
    Optional<Lead> find(LeadLookup lookup);

    /**
     * Inserts the lead unless a lead of the same offer already has its dedupe key (leads without a
     * key are always inserted). On insert, the effects are written in the same unit of work, with
     * the new lead's id filled into the journal entry and the events. If the journal already holds
     * an entry with the effects' postback id, nothing is written and {@link StoreException} is thrown.
     * A key of {@link Effects#keys} held by another lead answers {@link Insertion.AlreadyExists} with
     * that lead; a cap slot without room answers {@link CapFull}; either way nothing is written.
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
     * still has {@code lead.version()} (and every cap slot and key of the effects can be had); the
     * stored version then becomes {@code lead.version() + 1}.
     *
     * @return {@link Update#APPLIED}; {@link Update#OUTDATED} when another change came first, or
     *         {@link CapFull}; in both cases nothing was written
     * @throws StoreException also when the journal already holds an entry with the effects' postback id
     */
    Update update(Lead lead, Effects effects);

    /**
     * Leads in {@code hold} whose release time (rules §13) is {@code now} or earlier, soonest first,
     * at most {@code limit}. Releasing them is an ordinary {@link #update}, so two nodes releasing
     * at once release each lead once.
     */
    List<Lead> dueForRelease(Instant now, int limit);

    /** How many slots of a cap's period are taken (for {@code explain}, rules §14). */
    long capUsed(CapSlot slot);

    /**
     * Journals a postback that changed no lead (rejected, duplicate, unchanged, stale), unless an
     * entry with the same {@link JournalEntry#postbackId()} is stored already: then nothing is
     * written and that entry is returned. The processor relies on it to learn, after a failure that
     * leaves it unknown whether a postback's write committed, what the postback did: the unique
     * postback id lets the store keep only one of the two entries, whichever came first.
     *
     * @return the entry as stored: {@code entry} with its id, or the entry stored before for its postback id
     */
    JournalEntry journal(JournalEntry entry);

    /** The journal entry of a postback, by its postback id; empty when it was not journaled (or no longer is). */
    Optional<JournalEntry> journalEntry(String postbackId);

    /**
     * The store as one postback that must be done by {@code deadline} uses it. Stores that wait on
     * I/O bound every wait by the deadline (statement timeouts) and throw {@link StoreException}
     * once it has passed; stores in memory never wait and return themselves.
     */
    default LeadStore within(Deadline deadline) {
        return this;
    }
}

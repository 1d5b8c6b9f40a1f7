package io.postback.spi;

import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.model.LedgerEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The read side of a store, for dashboards, audits, tests and journal replay; never on the hot path. */
public interface LeadHistory {

    Optional<Lead> lead(long leadId);

    /** The newest leads first. */
    List<Lead> latestLeads(int limit);

    /** The ledger of one lead in booking order. */
    List<LedgerEntry> ledger(long leadId);

    /** The newest journal entries first. */
    List<JournalEntry> latestJournal(int limit);

    /** Rejected journal entries with an id above {@code afterId}, oldest first, for replay. */
    List<JournalEntry> rejectedAfter(long afterId, int limit);

    /**
     * A page of the leads of an offer created at or after {@code from} and before {@code to}, with an
     * id above {@code afterId}, lowest id first: what a reconciliation walks to find the leads its
     * report lacks (rules §16.5).
     */
    List<Lead> leadsCreated(long offerId, Instant from, Instant to, long afterId, int limit);

    /** Whether a replay of this journal entry was applied (journaled with {@code replayOf} and not rejected). */
    boolean replayed(long journalId);

    /** The leads of a click in every offer, newest first (the operator's search, docs/operator-page.md). */
    List<Lead> leadsOfClick(String click, int limit);

    /**
     * The leads with this {@code exto} in every offer, whatever their key (rules §3.3), newest first:
     * the operator's search, and how a reconciliation finds a lead its report names by {@code exto}
     * alone (rules §16.5).
     */
    List<Lead> leadsOfExto(String exto, int limit);

    /** A lead's journal entries, newest first: every postback journaled with its id (rules §9). */
    List<JournalEntry> journalOf(long leadId, int limit);

    /**
     * The rejected postbacks received at {@code since} or later, counted per site and error code,
     * among the newest {@code max} rejected entries of the journal: a store reads no more than
     * that, so counts that add up to {@code max} may be short of the truth.
     */
    List<RejectionCount> rejectionsSince(Instant since, int max);
}

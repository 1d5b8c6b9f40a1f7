package io.postback.jdbc.internal;

import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.model.LeadEvent;
import io.postback.spi.Deadline;
import io.postback.spi.Effects;
import io.postback.spi.Insertion;
import io.postback.spi.LeadLookup;
import io.postback.spi.StoreException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/** The writes behind {@code JdbcLeadStore}: the dialect's writers plus the store's own rules. */
public final class LeadStoreOperations {

    private static final int PURGE_EVERY = 1024;
    private static final int DELETE_CHUNK = 100;

    private final JdbcRunner runner;
    private final LeadWriter writer;
    private final SignatureWriter signatures;
    private final LeadQueries queries;
    private final Clock clock;
    private final AtomicLong signatureCalls = new AtomicLong();

    public LeadStoreOperations(JdbcRunner runner, SqlDialect dialect, Clock clock) {
        this.runner = runner;
        this.writer = dialect.leadWriter(runner);
        this.signatures = dialect.signatureWriter();
        this.queries = new LeadQueries(runner, dialect);
        this.clock = clock;
    }

    public LeadQueries queries() {
        return queries;
    }

    /**
     * Inserts the lead, or answers the lead that holds its key. A lead that lost the race is read
     * after the winner committed (the unique index made the loser wait for it).
     */
    public Insertion insert(Lead lead, Effects effects, Deadline deadline) {
        Lead stored = LeadTable.normalized(lead);
        OptionalLong id = writer.insert(stored, normalized(effects), deadline);
        if (id.isPresent()) {
            return new Insertion.Inserted(stored.stored(id.getAsLong()));
        }
        return new Insertion.AlreadyExists(holderOfKey(lead, deadline));
    }

    /** {@link #insert}, journaling {@code duplicate} when the key is taken; in fewer round trips where the dialect can. */
    public Insertion insertOrJournalDuplicate(Lead lead, Effects effects, JournalEntry duplicate, Deadline deadline) {
        Lead stored = LeadTable.normalized(lead);
        LeadWriter.InsertOrDuplicate written = writer.insertOrJournalDuplicate(stored, normalized(effects),
                JournalTable.normalized(duplicate), deadline);
        if (written.insertedId().isPresent()) {
            return new Insertion.Inserted(stored.stored(written.insertedId().getAsLong()));
        }
        if (written.holder().isPresent()) {
            return new Insertion.AlreadyExists(written.holder().get());
        }
        Lead holder = holderOfKey(lead, deadline);
        journal(duplicate.withLeadId(holder.id()), deadline);
        return new Insertion.AlreadyExists(holder);
    }

    private Lead holderOfKey(Lead lead, Deadline deadline) {
        String key = lead.dedupeKey().orElseThrow(() -> new StoreException("inserting a lead without a dedupe key was refused"));
        return queries.find(new LeadLookup.ByKey(lead.offerId(), key), deadline).orElseThrow(() -> new StoreException(
                "inserting a lead failed: its key was reported taken, but no lead of offer " + lead.offerId() + " holds it"));
    }

    public boolean update(Lead lead, Effects effects, Deadline deadline) {
        return writer.update(LeadTable.normalized(lead), normalized(effects), deadline);
    }

    /** Journals the entry, or answers the entry journaled before for its postback id. */
    public JournalEntry journal(JournalEntry entry, Deadline deadline) {
        JournalEntry stored = JournalTable.normalized(entry);
        OptionalLong id = writer.journal(stored, deadline);
        if (id.isPresent()) {
            return stored.withId(id.getAsLong());
        }
        // Refused by a unique key: the postback id's, or (a second applied replay) the replay key's.
        return queries.journalEntry(entry.postbackId(), deadline).orElseThrow(() -> new StoreException(
                "journaling a postback failed: " + (entry.replayOf().isPresent()
                        ? "journal entry " + entry.replayOf().getAsLong() + " was already replayed" : "a unique key refused it")));
    }

    public Optional<JournalEntry> journalEntry(String postbackId, Deadline deadline) {
        return queries.journalEntry(postbackId, deadline);
    }

    public boolean firstUse(String digest, String postbackId, Instant expiresAt, Deadline deadline) {
        Instant now = clock.instant();
        boolean first = runner.autoCommit("recording a signature", deadline,
                session -> signatures.firstUse(session, digest, postbackId, expiresAt, now));
        if (signatureCalls.incrementAndGet() % PURGE_EVERY == 0) {
            purgeSignatures(now);
        }
        return first;
    }

    public Optional<String> signatureUser(String digest, Deadline deadline) {
        return queries.signatureUser(digest, clock.instant(), deadline);
    }

    /** Forgets one digest, so that a postback that failed for a transient reason may be sent again. */
    public void forgetSignature(String digest, Deadline deadline) {
        runner.update("forgetting a signature", deadline, SignatureWriter.FORGET, b -> b.string(digest));
    }

    /** Forgets expired digests; run now and then so the table stays as small as the signing window. */
    public int purgeSignatures(Instant now) {
        return runner.update("purging expired signatures", Deadline.none(), SignatureWriter.PURGE, b -> b.instant(now));
    }

    public void markDelivered(List<Long> eventIds) {
        for (int from = 0; from < eventIds.size(); from += DELETE_CHUNK) {
            List<Long> chunk = eventIds.subList(from, Math.min(eventIds.size(), from + DELETE_CHUNK));
            String sql = "DELETE FROM pb_outbox WHERE id IN (" + "?, ".repeat(chunk.size() - 1) + "?)";
            runner.update("deleting delivered events", Deadline.none(), sql, b -> {
                for (long id : chunk) {
                    b.number(id);
                }
            });
        }
    }

    private static Effects normalized(Effects effects) {
        return new Effects(JournalTable.normalized(effects.journal()), effects.bookings(), effects.events().stream()
                .map(e -> new LeadEvent(e.type(), e.leadId(), e.offerId(), e.status(), e.goal(), e.booking(),
                        Timestamps.micros(e.at())))
                .toList());
    }
}

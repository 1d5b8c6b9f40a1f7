package io.postback.internal;

import io.postback.PostbackResult;
import io.postback.model.ErrorCode;
import io.postback.model.JournalEntry;
import io.postback.model.Outcome;
import io.postback.spi.LeadLookup;
import io.postback.spi.StoreException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What to answer when the store failed under a postback (docs/RELIABILITY.md, "Failures: what is
 * answered"). A write may have committed all the same: the connection broke during the statement or
 * its commit. The postback's 'store' rejection is journaled under its postback id; the store keeps
 * one entry per id, so it answers the entry that committed first: this rejection (the write did not
 * commit, and now never will), or the write's own entry, whose outcome is then the answer.
 */
final class CommitResolution {

    private static final Logger LOG = LoggerFactory.getLogger(CommitResolution.class);
    /** The journal's message for a postback the store failed; the answer tells the sender to retry. */
    static final String STORE_MESSAGE = "storage failure";
    /** How often the 'store' rejection of a write that may have committed is tried, within the deadline. */
    private static final int ATTEMPTS = 3;

    private final SignedRepeats signatures;

    CommitResolution(SignedRepeats signatures) {
        this.signatures = signatures;
    }

    PostbackResult afterStoreFailure(Handling h, boolean writeMayHaveCommitted) {
        JournalEntry rejection = h.received.journal(h.scope, 0, Outcome.REJECTED, ErrorCode.STORE, STORE_MESSAGE);
        // Tried again only when there is something to learn: a write that may have committed.
        Optional<JournalEntry> stored = journal(h, rejection, writeMayHaveCommitted ? ATTEMPTS : 1);
        Optional<PostbackResult> committed = stored.flatMap(entry -> committedAnswer(h, entry));
        if (committed.isPresent()) {
            h.trace().add("resolved", "the write committed before the failure was seen: answered as it committed");
            return committed.get();
        }
        if (stored.isEmpty() && writeMayHaveCommitted) {
            // The signature stays used: if the write did commit, a retry must not apply it again.
            h.trace().add("rejected", "store: the write may have committed, and the store could not tell in time");
            return new PostbackResult.Rejected(ErrorCode.STORE, PostbackResult.Rejected.STORE_OUTCOME_UNKNOWN);
        }
        signatures.forgetRecorded(h);
        h.trace().add("rejected", "store: nothing of the postback was written");
        return new PostbackResult.Rejected(ErrorCode.STORE, PostbackResult.Rejected.STORE_NOT_APPLIED);
    }

    /** The answer of the entry that committed for this postback, when it is not the 'store' rejection itself. */
    private static Optional<PostbackResult> committedAnswer(Handling h, JournalEntry stored) {
        if (stored.outcome() == Outcome.REJECTED) {
            ErrorCode code = stored.error().orElse(ErrorCode.STORE);
            return code == ErrorCode.STORE ? Optional.empty() : Optional.of(new PostbackResult.Rejected(code, stored.message()));
        }
        if (stored.leadId().isEmpty()) {
            return Optional.empty();
        }
        long leadId = stored.leadId().getAsLong();
        PostbackResult.Applied attempted = h.attempted;
        if (attempted != null && attempted.outcome() == stored.outcome()) {
            // What the write would have answered: a new lead learns its id from the entry.
            if (attempted.outcome() == Outcome.CREATED) {
                return Optional.of(new PostbackResult.Applied(Outcome.CREATED, attempted.current().stored(leadId)));
            }
            if (attempted.current().id() == leadId) {
                return Optional.of(attempted);
            }
        }
        try {
            return h.store.find(new LeadLookup.ById(h.scope.offerId(), leadId))
                    .map(lead -> new PostbackResult.Applied(stored.outcome(), lead));
        } catch (StoreException e) {
            return Optional.empty();
        }
    }

    /** Tries while the postback's deadline lasts (the store bounds each try by it). */
    private static Optional<JournalEntry> journal(Handling h, JournalEntry entry, int attempts) {
        for (int attempt = 1; ; attempt++) {
            try {
                return Optional.of(h.store.journal(entry));
            } catch (StoreException e) {
                LOG.warn("could not journal a rejected {} postback: {}", entry.action().wireName(), e.toString());
                if (attempt >= attempts || h.received.deadline().hasPassed()) {
                    return Optional.empty();
                }
            }
        }
    }
}

package io.postback.internal;

import io.postback.PostbackProcessor;
import io.postback.model.ErrorCode;
import io.postback.model.JournalEntry;
import io.postback.model.Outcome;
import io.postback.spi.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Journals a rejected postback; it is answered whether or not the journal can be written. A
 * postback that no site authenticated goes through {@link UnauthenticatedFlood} first.
 */
final class RejectionJournal {

    private static final Logger LOG = LoggerFactory.getLogger(RejectionJournal.class);

    private final UnauthenticatedFlood flood;

    RejectionJournal(int unauthenticatedJournaledPerMinute) {
        this.flood = new UnauthenticatedFlood(unauthenticatedJournaledPerMinute);
    }

    PostbackProcessor.UnauthenticatedPostbacks counts() {
        return new PostbackProcessor.UnauthenticatedPostbacks(flood.received(), flood.suppressed());
    }

    void journal(Handling h, JournalScope scope, ErrorCode code, String message) {
        Received received = h.received;
        if (!scope.authenticated() && received.live()) {
            UnauthenticatedFlood.Verdict verdict = flood.admit(received.remoteAddress().orElse("unknown"), received.now());
            if (verdict.suppressedBefore() > 0) {
                quietly(h, JournalEntries.floodSummary(received, verdict.suppressedBefore(), verdict.since()));
            }
            if (!verdict.journal()) {
                return;
            }
        }
        quietly(h, received.journal(scope, 0, Outcome.REJECTED, code, message));
    }

    private static void quietly(Handling h, JournalEntry entry) {
        try {
            h.store.journal(entry);
        } catch (StoreException e) {
            LOG.warn("could not journal a rejected {} postback: {}", entry.action().wireName(), e.toString());
        }
    }
}

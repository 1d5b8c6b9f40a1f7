package io.postback.internal;

import io.postback.PostbackResult;
import io.postback.spi.LeadStore;
import io.postback.spi.SeenSignatures;

/**
 * One postback's run through the processor: the store and the signatures as its deadline bounds
 * them, and what the run has done so far that a failure must undo or resolve. The processor's own
 * working state, never shared: the postback itself is the immutable {@link Received} and
 * {@link PreparedPostback}.
 */
final class Handling {

    final Received received;
    final LeadStore store;
    final SeenSignatures signatures;
    /** What is known of the sender: the journal's offer and site. */
    JournalScope scope = JournalScope.NONE;
    /** The digest this run recorded against replays, to forget if the postback fails for a transient reason. */
    String recordedSignature;
    /**
     * The answer of the write in progress, had it succeeded: after a store failure, the answer to
     * give if the store shows that the write committed after all. Null when no write is in progress.
     */
    PostbackResult.Applied attempted;

    Handling(Received received, LeadStore store, SeenSignatures signatures) {
        this.received = received;
        this.store = store;
        this.signatures = signatures;
    }

    Trace trace() {
        return received.trace();
    }
}

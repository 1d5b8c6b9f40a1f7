package io.postback.internal;

import io.postback.model.Action;
import io.postback.model.ErrorCode;
import io.postback.model.JournalEntry;
import io.postback.model.Outcome;
import io.postback.spi.Deadline;
import java.time.Instant;
import java.util.Optional;

/**
 * A postback as it came in, with what the processor gives every postback before any rule runs: its
 * unique id (its journal entry keeps it), the time, the deadline of its store work, the masker of
 * the catalog's secrets and the trace {@code explain} reads.
 */
record Received(String postbackId, Action action, ReceivedParams params, Instant now, Optional<String> remoteAddress,
                Mode mode, Deadline deadline, SecretMasker masker, Trace trace) {

    /** The postback's journal entry, with the sender as far as it is known (the one journal factory). */
    JournalEntry journal(JournalScope scope, long leadId, Outcome outcome, ErrorCode error, String message) {
        return JournalEntries.entry(this, scope, leadId, outcome, error, message);
    }

    boolean live() {
        return !mode.dryRun() && mode.replayOf().isEmpty();
    }
}

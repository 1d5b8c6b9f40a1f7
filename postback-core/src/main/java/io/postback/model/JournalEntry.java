package io.postback.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One received postback and what became of it (rules §9). The parameters are kept as received,
 * except that the token's key is masked and signatures are dropped.
 *
 * @param id         assigned by the store; 0 before it is stored
 * @param postbackId unique per handled postback: a store keeps at most one entry per postback id, so
 *                   a postback whose write may or may not have committed is resolved by it (rules §9)
 * @param siteId    the authenticated site, empty when authentication failed or a global token was used
 * @param replayOf  the journal entry this postback re-ran, for replays
 */
public record JournalEntry(
        long id,
        String postbackId,
        Instant receivedAt,
        Action action,
        Map<String, List<String>> params,
        OptionalLong offerId,
        OptionalLong siteId,
        OptionalLong leadId,
        Outcome outcome,
        Optional<ErrorCode> error,
        String message,
        Optional<String> remoteAddress,
        OptionalLong replayOf) {

    /** The longest postback id a store must keep. */
    public static final int MAX_POSTBACK_ID = 64;

    public JournalEntry {
        Objects.requireNonNull(postbackId, "postbackId");
        if (postbackId.isEmpty() || postbackId.length() > MAX_POSTBACK_ID) {
            throw new IllegalArgumentException("a postback id has 1 to " + MAX_POSTBACK_ID + " characters: " + postbackId.length());
        }
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(action, "action");
        params = Map.copyOf(Objects.requireNonNull(params, "params"));
        Objects.requireNonNull(offerId, "offerId");
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(replayOf, "replayOf");
    }

    public JournalEntry withId(long newId) {
        return new JournalEntry(newId, postbackId, receivedAt, action, params, offerId, siteId, leadId, outcome, error, message,
                remoteAddress, replayOf);
    }

    /** The entry of the same postback with another outcome and message, for an outcome learnt after it was made. */
    public JournalEntry withOutcome(Outcome newOutcome, String newMessage) {
        return new JournalEntry(id, postbackId, receivedAt, action, params, offerId, siteId, leadId, newOutcome, error,
                newMessage, remoteAddress, replayOf);
    }

    public JournalEntry withLeadId(long lead) {
        return new JournalEntry(id, postbackId, receivedAt, action, params, offerId, siteId, OptionalLong.of(lead), outcome, error,
                message, remoteAddress, replayOf);
    }
}

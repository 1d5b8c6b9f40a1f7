package io.postback.internal;

import io.postback.PostbackResult;
import io.postback.model.ErrorCode;
import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.model.Outcome;
import io.postback.spi.LeadLookup;

/**
 * The processor's writes for signed postbacks (rules §2): a verified signature is recorded with the
 * postback that used it first. The same signature again is a sender's retry after a lost answer
 * (the signature covers every parameter): it gets the answer of the first use, marked as a repeat,
 * and nothing is applied again; on the other endpoint it is refused.
 */
final class SignedRepeats {

    /** The journal's message for a signed postback received again; the first use's outcome follows. */
    static final String REPEAT_MESSAGE = "repeat of a signed postback received before, answered as then: ";

    /** Records the signature as this postback's; false when it was used before. */
    boolean recordFirstUse(Handling h, SignatureUse use) {
        if (h.signatures.firstUse(use.digest(), h.received.postbackId(), use.expiresAt())) {
            h.recordedSignature = use.digest();
            return true;
        }
        h.trace().add("signature", "valid, and used before: this repeats a postback received earlier");
        return false;
    }

    /** The answer of the signature's first use, journaled as this postback's (a duplicate, never replayed). */
    PostbackResult answerRepeat(Handling h, SignatureUse use) throws Rejection {
        JournalEntry first = h.signatures.firstUser(use.digest()).flatMap(h.store::journalEntry).orElse(null);
        if (first == null || first.outcome() == Outcome.REJECTED && first.error().orElseThrow().isTransient()) {
            if (first != null) {
                forget(h, use.digest()); // the first use did nothing: the next retry is a first use
            }
            throw new Rejection(ErrorCode.CONFLICT, "this signed postback was received before and its answer is not known yet; "
                    + "send it again shortly");
        }
        if (first.action() != h.received.action()) {
            throw new Rejection(ErrorCode.SIGNATURE, "this signature was already used: sign each postback anew");
        }
        long leadId = first.leadId().orElse(0);
        PostbackResult answer;
        if (first.outcome() == Outcome.REJECTED) {
            answer = new PostbackResult.Rejected(first.error().orElseThrow(), first.message(), true);
        } else {
            Lead lead = h.store.find(new LeadLookup.ById(h.scope.offerId(), leadId))
                    .orElseThrow(() -> new Rejection(ErrorCode.LEAD, "the lead of this signed postback's first answer is gone"));
            h.attempted = new PostbackResult.Applied(first.outcome(), lead, true);
            answer = h.attempted;
        }
        h.trace().add("repeat", "answered as journal entry ", first.id(), " was: ", first.outcome().wireName());
        h.store.journal(h.received.journal(h.scope, leadId, Outcome.DUPLICATE, null,
                REPEAT_MESSAGE + first.outcome().wireName()));
        return answer;
    }

    /** A postback that was not applied for a transient reason may be sent again with the same signature. */
    void forgetRecorded(Handling h) {
        forget(h, h.recordedSignature);
    }

    private static void forget(Handling h, String digest) {
        if (digest != null) {
            try {
                h.signatures.forget(digest);
            } catch (RuntimeException e) {
                // The store is failing anyway; the sender will then have to re-sign its retry.
            }
        }
    }
}

package io.postback;

import io.postback.internal.JsonText;
import io.postback.model.Added;
import io.postback.model.ErrorCode;
import io.postback.model.Lead;
import io.postback.model.LeadState;
import io.postback.model.Outcome;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What {@link PostbackProcessor#handle} did with a postback (rules §8). */
public sealed interface PostbackResult {

    Outcome outcome();

    /** The lead the postback created, found or changed; empty when rejected. */
    Optional<Lead> lead();

    /** The answer for the sender, in the shape of rules §8. */
    String toJson();

    /** HTTP status for the opt-in strict mode; the default mode always answers 200. */
    int strictHttpStatus();

    default boolean isRejected() {
        return outcome() == Outcome.REJECTED;
    }

    /**
     * Whether this answers a signed postback that was received before (the same signature): the
     * answer is that of its first use, and nothing was done again (docs/RELIABILITY.md, "Signed postbacks sent again").
     */
    boolean repeat();

    /**
     * created, updated, duplicate, unchanged or stale, with the lead as it is now.
     *
     * @param repeat see {@link PostbackResult#repeat()}
     * @param added  what a repeat conversion added to the lead (rules §12)
     */
    record Applied(Outcome outcome, Lead current, boolean repeat, Optional<Added> added) implements PostbackResult {
        public Applied {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(current, "lead");
            Objects.requireNonNull(added, "added");
            if (outcome == Outcome.REJECTED) {
                throw new IllegalArgumentException("a rejection is a Rejected result");
            }
        }

        public Applied(Outcome outcome, Lead current, boolean repeat) {
            this(outcome, current, repeat, Optional.empty());
        }

        public Applied(Outcome outcome, Lead current) {
            this(outcome, current, false, Optional.empty());
        }

        @Override
        public Optional<Lead> lead() {
            return Optional.of(current);
        }

        @Override
        public String toJson() {
            return json(new JsonText().begin());
        }

        String json(JsonText json) {
            LeadState s = current.state();
            json.field("status", "ok")
                    .field("id", current.id())
                    .field("result", outcome.wireName())
                    .field("lead_status", s.status().wireName())
                    .field("goal", s.goal())
                    .field("payout", s.payout().toPlainString())
                    .field("commission", s.commission().toPlainString())
                    .field("currency", s.payout().currency().getCurrencyCode());
            if (s.held().isPresent()) {
                json.field("release_at", s.held().get().releaseAt().toString());
            }
            return json.fieldIf(!s.fields().isEmpty(), "fields", s.fields())
                    .fieldIf(added.isPresent(), "added", added.isPresent() ? added.get().asFields() : Map.of())
                    .fieldIf(repeat, "repeat", true)
                    .end();
        }

        @Override
        public int strictHttpStatus() {
            return outcome == Outcome.CREATED ? 201 : 200;
        }
    }

    /**
     * The postback was refused; nothing changed.
     *
     * @param repeat see {@link PostbackResult#repeat()}
     */
    record Rejected(ErrorCode code, String message, boolean repeat) implements PostbackResult {

        /** The message of a {@code store} answer for a postback known not to be applied: the sender sends it again. */
        public static final String STORE_NOT_APPLIED =
                "storage is unavailable and the postback was not applied: send it again later";
        /**
         * The message of a {@code store} answer when the write may have committed and the store could
         * not tell within the deadline (docs/RELIABILITY.md, "Failures: what is answered").
         */
        public static final String STORE_OUTCOME_UNKNOWN = "storage failed while the postback was written, and whether it "
                + "was applied is not known: send it again later (a postback with 'exto' that was applied is then answered "
                + "'duplicate')";

        public Rejected {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }

        public Rejected(ErrorCode code, String message) {
            this(code, message, false);
        }

        @Override
        public Outcome outcome() {
            return Outcome.REJECTED;
        }

        @Override
        public Optional<Lead> lead() {
            return Optional.empty();
        }

        @Override
        public String toJson() {
            return json(new JsonText().begin());
        }

        String json(JsonText json) {
            return json.field("status", "error").field("error", code.wireName()).field("message", message)
                    .fieldIf(repeat, "repeat", true).end();
        }

        @Override
        public int strictHttpStatus() {
            return code.httpStatus();
        }
    }
}

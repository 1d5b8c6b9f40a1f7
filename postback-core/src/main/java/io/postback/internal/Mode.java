package io.postback.internal;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How a postback is run: live, as a dry run ({@code explain}), or as a replay of a journal entry.
 * A replay re-runs a postback that was already authenticated when it arrived, so the sender
 * checks (allow-list, signature) that depend on the moment of arrival are not repeated.
 *
 * @param unchangedSince for a replay of a transient failure: the moment the original arrived; the
 *                       replay is refused when its lead (or its click's newest lead) changed since
 */
public record Mode(boolean dryRun, OptionalLong replayOf, Optional<Instant> unchangedSince, Optional<Corrected> correction,
                   boolean reconciliation) {

    public static final Mode LIVE = new Mode(false, OptionalLong.empty(), Optional.empty(), Optional.empty(), false);
    public static final Mode DRY_RUN = new Mode(true, OptionalLong.empty(), Optional.empty(), Optional.empty(), false);

    /**
     * An operator's correction of a lead (rules §16): the lead it addresses by id, who made it and why.
     *
     * @param force passes the transition policy and hold periods
     */
    public record Corrected(long leadId, String operator, String reason, boolean force) {
        /** What the journal's message adds. */
        public String note() {
            return "corrected by " + operator + ": " + reason + (force ? " (forced)" : "");
        }
    }

    public Mode {
        Objects.requireNonNull(replayOf, "replayOf");
        Objects.requireNonNull(unchangedSince, "unchangedSince");
        Objects.requireNonNull(correction, "correction");
    }

    public Mode(boolean dryRun, OptionalLong replayOf, Optional<Instant> unchangedSince) {
        this(dryRun, replayOf, unchangedSince, Optional.empty(), false);
    }

    public static Mode correction(Corrected corrected, boolean dryRun) {
        return new Mode(dryRun, OptionalLong.empty(), Optional.empty(), Optional.of(corrected), false);
    }

    /** A difference from an advertiser's report sent as the site's postback (rules §16.5). */
    public static Mode reconciliation(boolean dryRun) {
        return new Mode(dryRun, OptionalLong.empty(), Optional.empty(), Optional.empty(), true);
    }

    /**
     * Whether the arrival-time sender checks (allow-list, signature) apply: not to replays,
     * corrections and reconciliations, which the host runs rather than a sender.
     */
    public boolean checksSender() {
        return replayOf.isEmpty() && correction.isEmpty() && !reconciliation;
    }

    /** Whether this is a correction that passes the transition policy and hold periods. */
    public boolean forced() {
        return correction.isPresent() && correction.get().force();
    }

    public static Mode replay(long journalId) {
        return new Mode(false, OptionalLong.of(journalId), Optional.empty());
    }

    /** A replay that must not be applied over any change its lead or key had since {@code arrivedAt}. */
    public static Mode guardedReplay(long journalId, Instant arrivedAt) {
        return new Mode(false, OptionalLong.of(journalId), Optional.of(arrivedAt));
    }
}

package io.postback.internal;

import io.postback.model.Action;
import io.postback.model.ClickInfo;
import io.postback.model.Flow;
import io.postback.model.Goal;
import io.postback.model.Offer;
import io.postback.model.Site;
import io.postback.model.Status;
import io.postback.spi.Deadline;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** One postback while the engine works on it: what was received and what has been resolved so far. */
final class Postback {
    /** Unique per handled postback; its journal entry carries it (see {@link io.postback.model.JournalEntry}). */
    final String postbackId;
    final Action action;
    final RawParams raw;
    final Instant now;
    final Optional<String> remoteAddress;
    final OptionalLong replayOf;
    /** For a guarded replay: when the original arrived (see {@link Mode#unchangedSince()}). */
    final Optional<Instant> unchangedSince;
    final boolean dryRun;
    final Trace trace;
    /** When the store work for this postback must be done (see {@link io.postback.spi.Deadline}). */
    final Deadline deadline;
    /** Masks the catalog's secrets in everything journaled or answered about this postback. */
    final SecretMasker masker;
    final JournalEntries.Scope scope = new JournalEntries.Scope();

    PostbackParams params;
    Site site;
    Offer offer;
    Flow flow;
    ClickInfo clickInfo;
    Status status;
    Goal goal;
    ReportedAmounts reported = ReportedAmounts.NONE;
    /** The digest recorded against replays, to forget if the postback fails for a transient reason. */
    String recordedSignature;
    /**
     * The answer of the write in progress, had it succeeded: after a store failure, the answer to
     * give if the store shows that the write committed after all.
     */
    io.postback.PostbackResult.Applied attempted;
    /** The digest of a signature that was used before: this postback repeats a signed postback received earlier. */
    String repeatedSignature;
    /** For a repeat, the postback id of the signature's first use, when it is known. */
    Optional<String> firstUse = Optional.empty();

    Postback(Action action, RawParams raw, Instant now, Optional<String> remoteAddress, Mode mode, Trace trace,
             Deadline deadline, SecretMasker masker) {
        this.postbackId = PostbackIds.next(now.toEpochMilli());
        this.action = action;
        this.raw = raw;
        this.now = now;
        this.remoteAddress = remoteAddress;
        this.replayOf = mode.replayOf();
        this.unchangedSince = mode.unchangedSince();
        this.dryRun = mode.dryRun();
        this.trace = trace;
        this.deadline = deadline;
        this.masker = masker;
    }

    /** The flow the lead is attributed to: the tracker's knowledge of the click first, then the postback's flow. */
    OptionalLong flowId() {
        if (clickInfo != null) {
            return OptionalLong.of(clickInfo.flowId());
        }
        return flow == null ? OptionalLong.empty() : OptionalLong.of(flow.id());
    }

    OptionalLong webmasterId() {
        if (clickInfo != null) {
            return OptionalLong.of(clickInfo.webmasterId());
        }
        return flow == null ? OptionalLong.empty() : OptionalLong.of(flow.webmasterId());
    }

    OptionalLong siteId() {
        return site == null ? OptionalLong.empty() : OptionalLong.of(site.id());
    }

    Optional<String> click() {
        return Optional.ofNullable(params.click);
    }

    Optional<String> exto() {
        return Optional.ofNullable(params.exto);
    }
}

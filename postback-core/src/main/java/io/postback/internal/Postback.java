package io.postback.internal;

import io.postback.model.Action;
import io.postback.model.ClickInfo;
import io.postback.model.Flow;
import io.postback.model.Goal;
import io.postback.model.Offer;
import io.postback.model.Site;
import io.postback.model.Status;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** One postback while the engine works on it: what was received and what has been resolved so far. */
final class Postback {
    final Action action;
    final RawParams raw;
    final Instant now;
    final Optional<String> remoteAddress;
    final OptionalLong replayOf;
    final boolean dryRun;
    final Trace trace;
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

    Postback(Action action, RawParams raw, Instant now, Optional<String> remoteAddress, Mode mode, Trace trace) {
        this.action = action;
        this.raw = raw;
        this.now = now;
        this.remoteAddress = remoteAddress;
        this.replayOf = mode.replayOf();
        this.dryRun = mode.dryRun();
        this.trace = trace;
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

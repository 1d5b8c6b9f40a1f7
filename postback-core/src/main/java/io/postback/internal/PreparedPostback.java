package io.postback.internal;

import io.postback.model.Action;
import io.postback.model.ClickInfo;
import io.postback.model.ErrorCode;
import io.postback.model.Flow;
import io.postback.model.Goal;
import io.postback.model.JournalEntry;
import io.postback.model.Offer;
import io.postback.model.Outcome;
import io.postback.model.Site;
import io.postback.model.Status;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A postback ready for the rules of leads: authenticated, validated, its flow, click, status (rules
 * §4), goal (§5) and reported amounts (§6) resolved. Built once by {@link PostbackPreparer}, never
 * changed; absent values are null here (the hot path), never beyond the processor.
 *
 * @param site      null for the global token
 * @param flow      null when the postback names none
 * @param clickInfo null when the host's click resolver does not know the click
 * @param status    null when the postback sends none
 * @param goal      null when the postback sends none
 */
record PreparedPostback(Received received, ValidatedParams params, Site site, Offer offer, Flow flow, ClickInfo clickInfo,
                        JournalScope scope, Status status, Goal goal, ReportedAmounts reported, Map<String, String> fields) {

    /** This postback's journal entry. */
    JournalEntry journal(long leadId, Outcome outcome, ErrorCode error, String message) {
        return received.journal(scope, leadId, outcome, error, message);
    }

    Action action() {
        return received.action();
    }

    Instant now() {
        return received.now();
    }

    Trace trace() {
        return received.trace();
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

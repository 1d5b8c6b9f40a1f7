package io.postback.model;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A postback the network sends on to a webmaster's tracker (rules §15): which leads and events it
 * is for, and the request to send.
 *
 * @param offer, goal, webmaster, flow filters on the lead; empty: any
 * @param on            the events that send it
 * @param signingSecret when present, each request carries an HMAC-SHA256 signature header; never logged
 */
public record OutboundPostback(long id, OptionalLong offer, Optional<String> goal, OptionalLong webmaster, OptionalLong flow,
                               Set<Trigger> on, Method method, UrlTemplate url, Optional<String> signingSecret) {

    /** What happened to a lead. */
    public enum Trigger {
        /** The lead was created. */
        CREATE,
        /** The lead entered a status. */
        WAIT, HOLD, APPROVE, CANCEL, TRASH,
        /** The lead's goal changed. */
        GOAL,
        /** The lead's webmaster commission changed. */
        MONEY;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The trigger of a lead entering {@code status}; empty for {@code new}, which only a creation enters. */
        public static Optional<Trigger> entering(Status status) {
            return switch (status) {
                case WAIT -> Optional.of(WAIT);
                case HOLD -> Optional.of(HOLD);
                case APPROVE -> Optional.of(APPROVE);
                case CANCEL -> Optional.of(CANCEL);
                case TRASH -> Optional.of(TRASH);
                case NEW -> Optional.empty();
            };
        }
    }

    /** GET sends the template's query in the URL; POST sends it as a form body. */
    public enum Method {
        GET, POST
    }

    public OutboundPostback {
        Objects.requireNonNull(offer, "offer");
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(webmaster, "webmaster");
        Objects.requireNonNull(flow, "flow");
        on = Set.copyOf(Objects.requireNonNull(on, "on"));
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(signingSecret, "signingSecret");
        if (id <= 0) {
            throw new IllegalArgumentException("postback id must be positive: " + id);
        }
        if (on.isEmpty()) {
            throw new IllegalArgumentException("postback " + id + ": 'on' names no event");
        }
    }

    /** Whether the postback is for this lead, whatever the event. */
    public boolean isFor(Lead lead, String leadGoal) {
        return (offer.isEmpty() || offer.getAsLong() == lead.offerId())
                && (goal.isEmpty() || goal.get().equals(leadGoal))
                && (webmaster.isEmpty() || lead.webmasterId().equals(webmaster))
                && (flow.isEmpty() || lead.flowId().equals(flow));
    }

    @Override
    public String toString() {
        return "OutboundPostback[id=" + id + ", on=" + on + ", method=" + method + ", url=" + url.text()
                + (signingSecret.isPresent() ? ", signed" : "") + "]";
    }
}

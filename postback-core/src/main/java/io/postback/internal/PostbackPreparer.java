package io.postback.internal;

import io.postback.model.ClickInfo;
import io.postback.model.ErrorCode;
import io.postback.model.Flow;
import io.postback.model.Goal;
import io.postback.model.Offer;
import io.postback.model.Site;
import io.postback.model.Status;
import io.postback.spi.ClickResolver;
import io.postback.spi.OfferCatalog;
import java.util.Map;
import java.util.Optional;

/**
 * Everything about a postback that needs no lead, in two steps that write nothing: who sent it
 * (parameters rules §1, authentication and scope §2), then what it says (flow, click, status §4,
 * goal §5, reported amounts §6). Between the two the processor records a signature, so that a signed
 * postback received before is answered as then without being resolved again. Each failure is a
 * {@link Rejection} carrying what was known of the sender, for the journal.
 */
final class PostbackPreparer {

    private final OfferCatalog catalog;
    private final Authenticator authenticator;
    private final ClickResolver clicks;
    private final AmountConverter amounts;
    private final SenderChecks senderChecks;

    PostbackPreparer(OfferCatalog catalog, Authenticator authenticator, ClickResolver clicks, AmountConverter amounts,
                     SenderChecks senderChecks) {
        this.catalog = catalog;
        this.authenticator = authenticator;
        this.clicks = clicks;
        this.amounts = amounts;
        this.senderChecks = senderChecks;
    }

    /** Who sent the postback: valid parameters, a site and its offer (or the global token and an offer), the sender checks. */
    Authenticated authenticate(Received received) throws Rejection {
        ValidatedParams p = ParamValidator.validate(received.params());
        Site site = authenticator.site(p.token);
        if (site == null) {
            return authenticateGlobal(received, p);
        }
        JournalScope siteOnly = new JournalScope(0, site.id());
        try {
            Offer offer = authenticator.offerOfSite(site);
            received.trace().add("site", "site ", site.id(), " of offer ", offer.id());
            Optional<SignatureUse> signature = received.mode().checksSender()
                    ? senderChecks.check(received, p, site) : Optional.empty();
            return new Authenticated(received, p, site, offer, null, null, new JournalScope(offer.id(), site.id()), signature);
        } catch (Rejection r) {
            throw r.within(siteOnly);
        }
    }

    /** The global token names no offer: it comes from the flow, else from the click the host's tracker knows. */
    private Authenticated authenticateGlobal(Received received, ValidatedParams p) throws Rejection {
        received.trace().add("site", "global token");
        Flow flow = flow(p, null);
        ClickInfo clickInfo = p.click == null ? null : clicks.resolve(p.click).orElse(null);
        Offer offer = authenticator.offerForGlobalToken(flow, clickInfo);
        requireSameOffer(flow, clickInfo, offer);
        received.trace().add("offer", "offer ", offer.id(), " from the ", flow != null ? "flow" : "click");
        return new Authenticated(received, p, null, offer, flow, clickInfo, new JournalScope(offer.id(), 0), Optional.empty());
    }

    /** What the postback says: its flow and click (for a site token), status, goal and amounts. */
    PreparedPostback resolve(Authenticated a) throws Rejection {
        try {
            ValidatedParams p = a.params();
            Flow flow = a.site() == null ? a.flow() : flow(p, a.offer());
            ClickInfo clickInfo = a.site() == null ? a.clickInfo() : clickInfo(p.click, a.offer());
            if (p.click == null && !p.hasFlow()) {
                throw new Rejection(ErrorCode.CLICK, "one of 'click', 'flow' or 'code' is required");
            }
            Trace trace = a.received().trace();
            Map<String, String> fields = a.offer() == null ? Map.of() : DeclaredFields.of(a.received().params(), a.offer());
            if (!fields.isEmpty()) {
                trace.add("fields", () -> "keeps the declared fields " + String.join(", ", fields.keySet()));
            }
            return new PreparedPostback(a.received(), p, a.site(), a.offer(), flow, clickInfo, a.scope(), status(p, a.site(), trace),
                    goal(p, a.offer(), trace), amounts.convert(p, a.offer(), a.received().now(), trace), fields);
        } catch (Rejection r) {
            throw r.within(a.scope());
        }
    }

    private static Status status(ValidatedParams p, Site site, Trace trace) throws Rejection {
        if (p.status == null) {
            return null;
        }
        StatusResolver.Resolved resolved = StatusResolver.resolve(p.status, p.overrideLists,
                site == null ? Map.of() : site.statusAliases());
        trace.add("status", "'", new Messages.Quoted(p.status), "' is ", resolved.status().wireName(), " by the ", resolved.rule());
        return resolved.status();
    }

    private static Goal goal(ValidatedParams p, Offer offer, Trace trace) throws Rejection {
        if (p.goal == null) {
            return null;
        }
        GoalResolver.Resolved resolved = GoalResolver.resolve(offer, p.goal);
        trace.add("goal", "'", new Messages.Quoted(p.goal), "' is goal '", resolved.goal().id(), "' by its ", resolved.rule());
        return resolved.goal();
    }

    private Flow flow(ValidatedParams p, Offer offer) throws Rejection {
        Flow byId = null;
        if (p.flowId > 0) {
            byId = catalog.flow(p.flowId).filter(f -> offer == null || f.offerId() == offer.id())
                    .orElseThrow(() -> new Rejection(ErrorCode.FLOW, "unknown flow " + p.flowId + " for this offer"));
        }
        if (p.code == null) {
            return byId;
        }
        Flow byCode = catalog.flowByCode(p.code).filter(f -> offer == null || f.offerId() == offer.id())
                .orElseThrow(() -> new Rejection(ErrorCode.FLOW, "unknown flow code '" + p.code + "' for this offer"));
        if (byId != null && byId.id() != byCode.id()) {
            throw new Rejection(ErrorCode.FLOW, "'flow' " + p.flowId + " and 'code' " + p.code + " name different flows");
        }
        return byCode;
    }

    private ClickInfo clickInfo(String click, Offer offer) throws Rejection {
        if (click == null) {
            return null;
        }
        Optional<ClickInfo> info = clicks.resolve(click);
        if (info.isPresent() && info.get().offerId() != offer.id()) {
            throw new Rejection(ErrorCode.CLICK, "the click belongs to another offer than this token's");
        }
        return info.orElse(null);
    }

    private static void requireSameOffer(Flow flow, ClickInfo click, Offer offer) throws Rejection {
        if (flow != null && flow.offerId() != offer.id() || click != null && click.offerId() != offer.id()) {
            throw new Rejection(ErrorCode.CLICK, "the click and the flow belong to different offers");
        }
    }
}

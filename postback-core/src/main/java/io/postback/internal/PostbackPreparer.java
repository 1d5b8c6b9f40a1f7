package io.postback.internal;

import io.postback.model.ClickInfo;
import io.postback.model.ErrorCode;
import io.postback.model.Flow;
import io.postback.model.Offer;
import io.postback.spi.ClickResolver;
import io.postback.spi.OfferCatalog;
import java.util.Optional;

/**
 * Everything about a postback that needs no lead: parameters (§1), authentication and scope (§2),
 * flow, status (§4), goal (§5) and reported amounts (§6). Each failure is a {@link Rejection}.
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

    void forgetSignature(Postback pb) {
        senderChecks.forgetSignature(pb);
    }

    void forgetRepeatedSignature(Postback pb) {
        senderChecks.forgetRepeatedSignature(pb);
    }

    void prepare(Postback pb) throws Rejection {
        PostbackParams p = ParamValidator.validate(pb.raw);
        pb.params = p;
        pb.site = authenticator.site(p.token);
        Trace trace = pb.trace;
        if (pb.site != null) {
            pb.scope.siteId = pb.site.id();
            pb.offer = authenticator.offerOfSite(pb.site);
            if (trace.enabled()) {
                trace.add("site", "site " + pb.site.id() + " of offer " + pb.offer.id());
            }
            if (pb.replayOf.isEmpty()) {
                senderChecks.check(pb);
            }
            if (pb.repeatedSignature != null) {
                pb.scope.offerId = pb.offer.id();
                return; // a signed postback received before: it gets the first answer, nothing more is resolved
            }
            pb.flow = flow(p, pb.offer);
            pb.clickInfo = clickInfo(p.click, pb.offer);
        } else {
            trace.add("site", "global token");
            pb.flow = flow(p, null);
            pb.clickInfo = p.click == null ? null : clicks.resolve(p.click).orElse(null);
            pb.offer = authenticator.offerForGlobalToken(pb.flow, pb.clickInfo);
            requireSameOffer(pb.flow, pb.clickInfo, pb.offer);
            if (trace.enabled()) {
                trace.add("offer", "offer " + pb.offer.id() + " from the " + (pb.flow != null ? "flow" : "click"));
            }
        }
        pb.scope.offerId = pb.offer.id();
        if (p.click == null && !p.hasFlow()) {
            throw new Rejection(ErrorCode.CLICK, "one of 'click', 'flow' or 'code' is required");
        }
        if (p.status != null) {
            StatusResolver.Resolved resolved = StatusResolver.resolve(p.status, p.overrideLists, pb.site == null
                    ? java.util.Map.of() : pb.site.statusAliases());
            pb.status = resolved.status();
            if (trace.enabled()) {
                trace.add("status", "'" + Messages.safeName(p.status) + "' is " + resolved.status().wireName() + " by the "
                        + resolved.rule());
            }
        }
        if (p.goal != null) {
            GoalResolver.Resolved resolved = GoalResolver.resolve(pb.offer, p.goal);
            pb.goal = resolved.goal();
            if (trace.enabled()) {
                trace.add("goal", "'" + Messages.safeName(p.goal) + "' is goal '" + resolved.goal().id() + "' by its " + resolved.rule());
            }
        }
        pb.reported = amounts.convert(p, pb.offer, pb.now, trace);
    }

    private Flow flow(PostbackParams p, Offer offer) throws Rejection {
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

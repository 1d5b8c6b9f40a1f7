package io.postback.shard;

import io.postback.PostbackRequest;
import io.postback.internal.ConstantTime;
import io.postback.model.ClickInfo;
import io.postback.model.Flow;
import io.postback.model.Site;
import io.postback.spi.ClickResolver;
import io.postback.spi.OfferCatalog;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The offer a postback is for, told the way the processor tells it (rules §2) but without
 * authenticating it: the shard's processor checks the key, the signature and the allow-list.
 * With a site token ({@code {siteId}-{key}}, rules §2.1) the offer is the site's (§2.2); with the
 * global token it comes from {@code flow}, else {@code code}, else the click resolver (§2.4).
 * Empty when it cannot be told.
 */
final class OfferOfPostback {

    private final OfferCatalog catalog;
    private final ClickResolver clicks;
    private final String globalToken;

    OfferOfPostback(OfferCatalog catalog, ClickResolver clicks, Optional<String> globalToken) {
        this.catalog = catalog;
        this.clicks = clicks;
        this.globalToken = globalToken.orElse(null);
    }

    OptionalLong offerOf(PostbackRequest request) {
        String token = value(request, "token");
        if (token == null) {
            return OptionalLong.empty();
        }
        // Checked first, as the processor does (rules §2.4): a global token may look like a site token.
        if (globalToken != null && ConstantTime.equals(globalToken, token)) {
            return offerOfFlowOrClick(request);
        }
        long siteId = siteId(token);
        Optional<Site> site = siteId > 0 ? catalog.site(siteId) : Optional.empty();
        return site.isPresent() ? OptionalLong.of(site.get().offerId()) : OptionalLong.empty();
    }

    private OptionalLong offerOfFlowOrClick(PostbackRequest request) {
        String flowId = value(request, "flow");
        String code = value(request, "code");
        String click = value(request, "click");
        Optional<Flow> flow;
        if (flowId != null) {
            long id = positiveLong(flowId);
            flow = id > 0 ? catalog.flow(id) : Optional.empty();
        } else if (code != null) {
            flow = catalog.flowByCode(code);
        } else {
            Optional<ClickInfo> info = click == null ? Optional.empty() : clicks.resolve(click);
            return info.isPresent() ? OptionalLong.of(info.get().offerId()) : OptionalLong.empty();
        }
        return flow.isPresent() ? OptionalLong.of(flow.get().offerId()) : OptionalLong.empty();
    }

    /** The site id of a token shaped as rules §2.1 says, else 0. The key is not looked at. */
    static long siteId(String token) {
        int dash = token.indexOf('-');
        if (dash <= 0 || dash > 18 || dash == token.length() - 1 || token.charAt(0) == '0') {
            return 0;
        }
        return positiveLong(token.substring(0, dash));
    }

    /** As the processor reads {@code flow}: 1 to 18 digits, positive; else 0. */
    static long positiveLong(String value) {
        if (value.isEmpty() || value.length() > 18) {
            return 0;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return 0;
            }
        }
        return Long.parseLong(value);
    }

    /** A parameter's value; an empty one counts as absent, as the processor counts it. */
    private static String value(PostbackRequest request, String name) {
        return request.parameter(name).filter(v -> !v.isEmpty()).orElse(null);
    }
}

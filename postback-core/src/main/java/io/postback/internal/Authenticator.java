package io.postback.internal;

import io.postback.model.ClickInfo;
import io.postback.model.ErrorCode;
import io.postback.model.Flow;
import io.postback.model.Offer;
import io.postback.model.Site;
import io.postback.spi.OfferCatalog;
import java.util.Optional;

/** Rules §2: resolves the token to a site and its offer, comparing the key in constant time. */
final class Authenticator {

    private static final String BAD_TOKEN = "unknown or malformed token";
    private static final String NO_SUCH_KEY = "\u0000no site has this key\u0000";

    private final OfferCatalog catalog;
    private final String globalToken;

    Authenticator(OfferCatalog catalog, Optional<String> globalToken) {
        this.catalog = catalog;
        this.globalToken = globalToken.orElse(null);
    }

    /** The site the token names, or null for the host's global token. */
    Site site(String token) throws Rejection {
        if (token == null) {
            throw new Rejection(ErrorCode.TOKEN, "parameter 'token' is required");
        }
        if (globalToken != null && ConstantTime.equals(globalToken, token)) {
            return null;
        }
        int dash = token.indexOf('-');
        boolean leadingZero = token.charAt(0) == '0';
        if (dash <= 0 || dash > 18 || dash == token.length() - 1 || leadingZero || !digits(token, dash)) {
            throw new Rejection(ErrorCode.TOKEN, BAD_TOKEN);
        }
        long siteId = Long.parseLong(token, 0, dash, 10);
        Optional<Site> site = catalog.site(siteId);
        String expected = site.isPresent() ? site.get().key() : NO_SUCH_KEY;
        // Compare even for an unknown site, so that timing does not tell which site ids exist.
        boolean keyMatches = ConstantTime.equals(expected, token.substring(dash + 1));
        if (site.isEmpty() || !keyMatches) {
            throw new Rejection(ErrorCode.TOKEN, BAD_TOKEN);
        }
        return site.get();
    }

    /** The offer a site token is bound to. */
    Offer offerOfSite(Site site) throws Rejection {
        return catalog.offer(site.offerId())
                .orElseThrow(() -> new Rejection(ErrorCode.TOKEN, "the site's offer is not in the catalog"));
    }

    /** For the global token: the offer comes from the flow, else from the click resolver. */
    Offer offerForGlobalToken(Flow flow, ClickInfo click) throws Rejection {
        long offerId;
        if (flow != null) {
            offerId = flow.offerId();
        } else if (click != null) {
            offerId = click.offerId();
        } else {
            throw new Rejection(ErrorCode.CLICK,
                    "with the global token, the offer must come from 'flow', 'code' or a click the tracker knows");
        }
        return catalog.offer(offerId)
                .orElseThrow(() -> new Rejection(ErrorCode.FLOW, "the offer of this flow or click is not in the catalog"));
    }

    private static boolean digits(String s, int end) {
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}

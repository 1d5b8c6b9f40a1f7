package io.postback.internal;

import io.postback.model.Offer;
import io.postback.model.Site;
import java.util.Map;
import io.postback.model.Status;

/** Who sent the postback and which offer it may touch; {@code site} is null for the global token. */
record Authenticated(Site site, Offer offer) {

    Map<String, Status> statusAliases() {
        return site == null ? Map.of() : site.statusAliases();
    }
}

package io.postback.internal;

import io.postback.model.ClickInfo;
import io.postback.model.Flow;
import io.postback.model.Offer;
import io.postback.model.Site;
import java.util.Optional;

/**
 * A postback whose sender is known (rules §2): its parameters are valid, its token names a site
 * (or is the host's global token) and an offer, and the site's allow-list and signature passed.
 * The signature, when there is one to record, is the processor's to write.
 *
 * @param site      null for the global token
 * @param flow      resolved already for the global token (it names the offer); null otherwise
 * @param clickInfo likewise
 */
record Authenticated(Received received, ValidatedParams params, Site site, Offer offer, Flow flow, ClickInfo clickInfo,
                     JournalScope scope, Optional<SignatureUse> signature) {
}

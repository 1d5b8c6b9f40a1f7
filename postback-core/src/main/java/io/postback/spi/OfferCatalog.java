package io.postback.spi;

import io.postback.model.Flow;
import io.postback.model.Goal;
import io.postback.model.Offer;
import io.postback.model.OutboundPostback;
import io.postback.model.Site;
import io.postback.model.WebmasterRate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The host's configuration: offers with their goals, sites with their tokens, flows, individual
 * rates. Called on every postback, so implementations should answer from memory or a cache.
 */
public interface OfferCatalog {

    Optional<Site> site(long siteId);

    Optional<Offer> offer(long offerId);

    Optional<Flow> flow(long flowId);

    /** Flow codes are unique across offers, as the seed's system has them. */
    Optional<Flow> flowByCode(String code);

    /**
     * An individual webmaster commission for this goal, for the flow (checked first) or the
     * webmaster; empty when the goal's own rule applies.
     */
    default Optional<WebmasterRate> individualRate(Offer offer, Goal goal, OptionalLong flowId, OptionalLong webmasterId) {
        return Optional.empty();
    }

    /**
     * The outbound postbacks (rules §15) that may be sent for leads of this offer: those naming the
     * offer and those naming none. Empty by default.
     */
    default List<OutboundPostback> outboundPostbacks(long offerId) {
        return List.of();
    }

    /** An outbound postback by its id, for the dispatcher's signing secret; empty by default. */
    default Optional<OutboundPostback> outboundPostback(long postbackId) {
        return Optional.empty();
    }

    /**
     * Every site key and signing secret of the catalog, so that the processor masks them wherever
     * they appear in a journaled postback or a message, under any parameter name (SECURITY.md).
     * Return the same collection instance until the catalog changes: the processor builds its matcher
     * again only when the instance differs. Empty by default: then only the {@code token}
     * parameter itself is masked.
     */
    default Collection<String> secrets() {
        return List.of();
    }
}

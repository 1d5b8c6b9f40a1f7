package io.postback.memory;

import io.postback.model.Flow;
import io.postback.model.Goal;
import io.postback.model.Offer;
import io.postback.model.OutboundPostback;
import io.postback.model.Site;
import io.postback.model.WebmasterRate;
import io.postback.spi.OfferCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An immutable catalog held in memory, built in code or read from the JSON document described
 * in docs/catalog.md ({@link #fromJson(InputStream)}). To change it, build a new one and swap it in.
 */
public final class InMemoryOfferCatalog implements OfferCatalog {

    private record RateKey(long offerId, String goal, char kind, long id) {
    }

    private final Map<Long, Offer> offers;
    private final Map<Long, Site> sites;
    private final Map<Long, Flow> flows;
    private final Map<String, Flow> flowsByCode;
    private final Map<RateKey, WebmasterRate> rates;
    private final List<String> secrets;
    private final Map<Long, OutboundPostback> postbacks;
    private final Map<Long, List<OutboundPostback>> postbacksByOffer;

    private InMemoryOfferCatalog(Builder b) {
        this.offers = Map.copyOf(b.offers);
        this.sites = Map.copyOf(b.sites);
        this.flows = Map.copyOf(b.flows);
        Map<String, Flow> codes = new HashMap<>();
        for (Flow flow : b.flows.values()) {
            if (codes.put(flow.code(), flow) != null) {
                throw new IllegalArgumentException("flow code " + flow.code() + " is used twice");
            }
        }
        this.flowsByCode = Map.copyOf(codes);
        this.rates = Map.copyOf(b.rates);
        this.postbacks = Map.copyOf(b.postbacks);
        this.secrets = java.util.stream.Stream.concat(sites.values().stream()
                .flatMap(site -> java.util.stream.Stream.concat(java.util.stream.Stream.of(site.key()), site.signingSecret().stream())),
                postbacks.values().stream().flatMap(pb -> pb.signingSecret().stream()))
                .distinct().toList();
        Map<Long, List<OutboundPostback>> byOffer = new HashMap<>();
        for (Offer offer : offers.values()) {
            byOffer.put(offer.id(), b.postbacks.values().stream()
                    .filter(pb -> pb.offer().isEmpty() || pb.offer().getAsLong() == offer.id())
                    .sorted(java.util.Comparator.comparingLong(OutboundPostback::id)).toList());
        }
        this.postbacksByOffer = Map.copyOf(byOffer);
        for (OutboundPostback pb : postbacks.values()) {
            require(pb.offer().isEmpty() || offers.containsKey(pb.offer().getAsLong()),
                    "postback " + pb.id() + " names unknown offer " + pb.offer());
        }
        for (Site site : sites.values()) {
            require(offers.containsKey(site.offerId()), "site " + site.id() + " names unknown offer " + site.offerId());
            for (io.postback.model.Rule rule : site.rules()) {
                offers.get(site.offerId()).checkRule(rule, "site " + site.id());
            }
        }
        for (Flow flow : flows.values()) {
            require(offers.containsKey(flow.offerId()), "flow " + flow.id() + " names unknown offer " + flow.offerId());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the catalog document of docs/catalog.md; a malformed document, or one with a key the
     * format does not have, fails with a message naming the field and its path. A document without
     * sites is loaded with a warning in the log.
     */
    public static InMemoryOfferCatalog fromJson(InputStream json) throws IOException {
        return CatalogJson.read(json);
    }

    @Override
    public Optional<Site> site(long siteId) {
        return Optional.ofNullable(sites.get(siteId));
    }

    @Override
    public Optional<Offer> offer(long offerId) {
        return Optional.ofNullable(offers.get(offerId));
    }

    @Override
    public Optional<Flow> flow(long flowId) {
        return Optional.ofNullable(flows.get(flowId));
    }

    @Override
    public Optional<Flow> flowByCode(String code) {
        return Optional.ofNullable(flowsByCode.get(code));
    }

    @Override
    public Optional<WebmasterRate> individualRate(Offer offer, Goal goal, OptionalLong flowId, OptionalLong webmasterId) {
        if (rates.isEmpty()) {
            return Optional.empty();
        }
        if (flowId.isPresent()) {
            WebmasterRate rate = rates.get(new RateKey(offer.id(), goal.id(), 'f', flowId.getAsLong()));
            if (rate != null) {
                return Optional.of(rate);
            }
        }
        if (webmasterId.isPresent()) {
            return Optional.ofNullable(rates.get(new RateKey(offer.id(), goal.id(), 'w', webmasterId.getAsLong())));
        }
        return Optional.empty();
    }

    /**
     * Whether no site can authenticate a postback: the catalog has no site, so every postback but
     * those with a global token is answered {@code token}. Loaders log a warning then.
     */
    public boolean hasNoSites() {
        return sites.isEmpty();
    }

    public List<Offer> offers() {
        return List.copyOf(offers.values());
    }

    @Override
    public List<OutboundPostback> outboundPostbacks(long offerId) {
        return postbacksByOffer.getOrDefault(offerId, List.of());
    }

    @Override
    public Optional<OutboundPostback> outboundPostback(long postbackId) {
        return Optional.ofNullable(postbacks.get(postbackId));
    }

    /** Every outbound postback, by id. */
    public List<OutboundPostback> outboundPostbacks() {
        return postbacks.values().stream().sorted(java.util.Comparator.comparingLong(OutboundPostback::id)).toList();
    }

    @Override
    public Collection<String> secrets() {
        return secrets;
    }

    public List<Site> sites() {
        return List.copyOf(sites.values());
    }

    public List<Flow> flows() {
        return List.copyOf(flows.values());
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Collects offers, sites, flows and individual rates. */
    public static final class Builder {
        private final Map<Long, Offer> offers = new HashMap<>();
        private final Map<Long, Site> sites = new HashMap<>();
        private final Map<Long, Flow> flows = new HashMap<>();
        private final Map<RateKey, WebmasterRate> rates = new HashMap<>();
        private final Map<Long, OutboundPostback> postbacks = new HashMap<>();

        /** An outbound postback to webmasters (rules §15). */
        public Builder outboundPostback(OutboundPostback postback) {
            require(postbacks.put(postback.id(), postback) == null, "postback " + postback.id() + " is defined twice");
            return this;
        }

        public Builder offer(Offer offer) {
            require(offers.put(offer.id(), offer) == null, "offer " + offer.id() + " is defined twice");
            return this;
        }

        public Builder site(Site site) {
            require(sites.put(site.id(), site) == null, "site " + site.id() + " is defined twice");
            return this;
        }

        public Builder flow(Flow flow) {
            require(flows.put(flow.id(), flow) == null, "flow " + flow.id() + " is defined twice");
            return this;
        }

        /** An individual commission for one flow on one goal; it wins over a webmaster rate. */
        public Builder flowRate(long offerId, String goal, long flowId, WebmasterRate rate) {
            rates.put(new RateKey(offerId, goal, 'f', flowId), rate);
            return this;
        }

        /** An individual commission for one webmaster on one goal. */
        public Builder webmasterRate(long offerId, String goal, long webmasterId, WebmasterRate rate) {
            rates.put(new RateKey(offerId, goal, 'w', webmasterId), rate);
            return this;
        }

        public InMemoryOfferCatalog build() {
            return new InMemoryOfferCatalog(this);
        }
    }
}

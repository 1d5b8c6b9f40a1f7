package io.postback.shard;

import io.postback.Explanation;
import io.postback.PostbackProcessor;
import io.postback.PostbackRequest;
import io.postback.PostbackResult;
import io.postback.spi.ClickResolver;
import io.postback.spi.OfferCatalog;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongToIntFunction;

/**
 * Sharding by offer (docs/architecture.md, "Scaling out"): one {@link PostbackProcessor} per shard,
 * each over its own database, and a function from offer id to shard index. Each postback goes to
 * the processor of its offer's shard, which authenticates it and applies the rules there; a
 * postback whose offer cannot be told (no token, an unknown site, an unknown flow) goes to the
 * default shard, which answers and journals it as the rules say ({@code token}, {@code flow}, ...).
 *
 * <p>The router holds no lock and no state: every key is per offer (rules §3) and no postback
 * crosses offers (rules §2.2), so each shard's database decides its own rules (rules §10.4).
 * Give every shard the whole catalog, and build the router over the same catalog, global token
 * and click resolver as the processors.
 */
public final class OfferShards {

    private final List<PostbackProcessor> shards;
    private final LongToIntFunction shardOfOffer;
    private final int defaultShard;
    private final OfferOfPostback offers;

    private OfferShards(Builder b) {
        this.shards = b.shards;
        this.shardOfOffer = b.shardOfOffer;
        this.defaultShard = b.defaultShard;
        this.offers = new OfferOfPostback(b.catalog, b.clickResolver, b.globalToken);
    }

    /**
     * @param shards       the processors, shard 0 first; each over its own lead store
     * @param catalog      the catalog all shards share
     * @param shardOfOffer the shard index of an offer id, from 0 to {@code shards.size() - 1}
     */
    public static Builder builder(List<PostbackProcessor> shards, OfferCatalog catalog, LongToIntFunction shardOfOffer) {
        return new Builder(shards, catalog, shardOfOffer);
    }

    /** {@link PostbackProcessor#handle} on the shard of the postback's offer. */
    public PostbackResult handle(PostbackRequest request) {
        return shards.get(shardOf(request)).handle(request);
    }

    /** {@link PostbackProcessor#explain} on the shard of the postback's offer. */
    public Explanation explain(PostbackRequest request) {
        return shards.get(shardOf(request)).explain(request);
    }

    /**
     * {@link PostbackProcessor#replay} on the shard whose journal holds {@code journalId}: journal
     * ids are per shard, so the host names the shard it read the entry from.
     */
    public PostbackResult replay(int shard, PostbackRequest request, long journalId) {
        return shard(shard).replay(request, journalId);
    }

    /**
     * {@link PostbackProcessor#releaseDue} on every shard. A shard that fails does not stop the
     * others: the first failure is thrown after all have run, the later ones suppressed in it.
     *
     * @return how many leads were released on all shards together
     */
    public int releaseDue() {
        int released = 0;
        RuntimeException failure = null;
        for (PostbackProcessor shard : shards) {
            try {
                released += shard.releaseDue();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return released;
    }

    /** The shard a postback goes to: its offer's, else the default shard. */
    public int shardOf(PostbackRequest request) {
        OptionalLong offer = offers.offerOf(request);
        return offer.isPresent() ? shardOfOffer(offer.getAsLong()) : defaultShard;
    }

    /**
     * The shard of an offer, for the host's other per-offer work (journal replays, reports).
     *
     * @throws IllegalStateException when the host's function names no shard
     */
    public int shardOfOffer(long offerId) {
        int shard = shardOfOffer.applyAsInt(offerId);
        if (shard < 0 || shard >= shards.size()) {
            throw new IllegalStateException("the shard function gave shard " + shard + " for offer " + offerId
                    + "; there are " + shards.size() + " shards");
        }
        return shard;
    }

    /** The processor of one shard, for a {@link io.postback.JournalReplayer} or an outbox relay of its own. */
    public PostbackProcessor shard(int shard) {
        Objects.checkIndex(shard, shards.size());
        return shards.get(shard);
    }

    public int shardCount() {
        return shards.size();
    }

    /** Wiring of the router; the default shard, global token and click resolver are optional. */
    public static final class Builder {
        private final List<PostbackProcessor> shards;
        private final OfferCatalog catalog;
        private final LongToIntFunction shardOfOffer;
        private int defaultShard;
        private Optional<String> globalToken = Optional.empty();
        private ClickResolver clickResolver = ClickResolver.NONE;

        private Builder(List<PostbackProcessor> shards, OfferCatalog catalog, LongToIntFunction shardOfOffer) {
            this.shards = List.copyOf(Objects.requireNonNull(shards, "shards"));
            if (this.shards.isEmpty()) {
                throw new IllegalArgumentException("a router needs at least one shard");
            }
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            this.shardOfOffer = Objects.requireNonNull(shardOfOffer, "shardOfOffer");
        }

        /** The shard that answers postbacks whose offer cannot be told; shard 0 by default. */
        public Builder defaultShard(int shard) {
            Objects.checkIndex(shard, shards.size());
            this.defaultShard = shard;
            return this;
        }

        /** The processors' global token (rules §2.4), so that its postbacks are routed by flow or click. */
        public Builder globalToken(String token) {
            this.globalToken = Optional.of(Objects.requireNonNull(token, "token"));
            return this;
        }

        /** The processors' click resolver, for postbacks with the global token and no flow. */
        public Builder clickResolver(ClickResolver resolver) {
            this.clickResolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        public OfferShards build() {
            return new OfferShards(this);
        }
    }
}

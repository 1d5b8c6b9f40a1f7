package io.postback.examples.docs;

import io.postback.PostbackProcessor;
import io.postback.jdbc.JdbcLeadStore;
import io.postback.jdbc.Schema;
import io.postback.jdbc.ShardIdentities;
import io.postback.shard.OfferShards;
import io.postback.spi.OfferCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Sharding by offer (docs/architecture.md, "Scaling out"): one processor per database and a router. */
public final class ShardingSnippets {

    private ShardingSnippets() {
    }

    /**
     * @param shardDatabases one pool per shard database, shard 0 first
     * @param shardOfOffer   which shard holds each offer; offers not listed go to shard 0
     */
    public static OfferShards router(List<DataSource> shardDatabases, OfferCatalog catalog, Map<Long, Integer> shardOfOffer) {
        // tag::router[]
        List<PostbackProcessor> processors = new ArrayList<>();
        for (int shard = 0; shard < shardDatabases.size(); shard++) {
            DataSource db = shardDatabases.get(shard);
            Schema.create(db);                                          // or your migrations
            ShardIdentities.apply(db, shard, shardDatabases.size());    // ids unique across shards
            processors.add(PostbackProcessor.builder(JdbcLeadStore.builder(db).build(), catalog).build());
        }
        OfferShards shards = OfferShards.builder(processors, catalog, offerId -> shardOfOffer.getOrDefault(offerId, 0))
                .defaultShard(0)    // answers and journals postbacks whose offer cannot be told
                .build();
        // shards.handle(request) in the servlet; shards.releaseDue() on a schedule
        // end::router[]
        return shards;
    }
}

package io.postback.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.PostbackRequest;
import io.postback.PostbackResult;
import io.postback.model.Action;
import io.postback.shard.OfferShards;
import io.postback.testing.TestCatalog;
import java.util.List;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class ShardingSnippetsTest {

    @Test
    void theRouterOfTheDocsPutsEachOffersLeadsOnItsShard() {
        OfferShards shards = ShardingSnippets.router(List.of(h2("shard_a"), h2("shard_b")), TestCatalog.create(), Map.of(2L, 1));

        PostbackResult offer1 = shards.handle(PostbackRequest.fromQuery(Action.CREATE, "token=12-abc&click=c1"));
        PostbackResult offer2 = shards.handle(PostbackRequest.fromQuery(Action.CREATE, "token=13-xyz&click=c2"));

        assertThat(offer1.lead().orElseThrow().id()).isEqualTo(1);
        assertThat(offer2.lead().orElseThrow().id()).isEqualTo(2);
        assertThat(shards.shardOf(PostbackRequest.fromQuery(Action.CREATE, "token=13-xyz&click=c2"))).isEqualTo(1);
        assertThat(shards.shardOf(PostbackRequest.fromQuery(Action.CREATE, "token=77-nope"))).isZero();
    }

    private static JdbcDataSource h2(String name) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:sharding_" + name + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        return ds;
    }
}

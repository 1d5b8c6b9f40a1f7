package io.postback.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.postback.jdbc.testing.TestDatabases;
import io.postback.testing.Postbacks;
import io.postback.testing.TestCatalog;
import io.postback.PostbackProcessor;
import org.junit.jupiter.api.Test;

/** Ids of shard k of n are k+1 modulo n (docs/architecture.md, "Scaling out"); H2's DDL here, PostgreSQL in the router test. */
class ShardIdentitiesTest {

    @Test
    void theFirstIdAboveTheHighestBelongsToTheShard() {
        assertThat(ShardIdentities.firstIdAbove(0, 0, 2)).isEqualTo(1);
        assertThat(ShardIdentities.firstIdAbove(0, 1, 2)).isEqualTo(2);
        assertThat(ShardIdentities.firstIdAbove(2, 1, 2)).isEqualTo(4);
        assertThat(ShardIdentities.firstIdAbove(7, 2, 3)).isEqualTo(9);
        assertThat(ShardIdentities.firstIdAbove(9, 2, 3)).isEqualTo(12);
    }

    @Test
    void anH2ShardNumbersItsLeadsAboveItsRowsWithTheCommonIncrement() {
        try (HikariDataSource db = TestDatabases.h2()) {
            PostbackProcessor processor = PostbackProcessor.builder(JdbcLeadStore.builder(db).build(), TestCatalog.create()).build();
            long before = processor.handle(Postbacks.create("token=12-abc&click=x0")).lead().orElseThrow().id();
            ShardIdentities.apply(db, 2, 3);
            ShardIdentities.apply(db, 2, 3);
            long first = processor.handle(Postbacks.create("token=12-abc&click=x1")).lead().orElseThrow().id();
            long second = processor.handle(Postbacks.create("token=12-abc&click=x2")).lead().orElseThrow().id();

            assertThat(before).isEqualTo(1);
            assertThat(first).isEqualTo(3);
            assertThat(second).isEqualTo(6);
        }
    }

    @Test
    void aShardOutsideTheCountIsRefused() {
        assertThatThrownBy(() -> ShardIdentities.mysqlSessionSettings(2, 2)).hasMessageContaining("shardIndex must be 0 to 1: 2");
        assertThat(ShardIdentities.mysqlSessionSettings(1, 2))
                .isEqualTo("SET SESSION auto_increment_increment = 2, auto_increment_offset = 2");
    }
}

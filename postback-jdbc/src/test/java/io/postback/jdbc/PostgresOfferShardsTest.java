package io.postback.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.postback.JournalReplayer;
import io.postback.PostbackProcessor;
import io.postback.PostbackResult;
import io.postback.jdbc.testing.EmbeddedPostgresServer;
import io.postback.jdbc.testing.TestDatabases;
import io.postback.memory.InMemoryOfferCatalog;
import io.postback.model.ClickInfo;
import io.postback.model.ErrorCode;
import io.postback.model.Goal;
import io.postback.model.Offer;
import io.postback.model.Outcome;
import io.postback.model.WebmasterRate;
import io.postback.shard.OfferShards;
import io.postback.testing.Postbacks;
import io.postback.testing.TestCatalog;
import io.postback.testing.contract.StoreFuzzer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Sharding by offer (docs/architecture.md, "Scaling out"): a router over two PostgreSQL servers,
 * offer 1 on shard A (0, the default shard) and offer 2 on shard B (1), ids numbered by
 * {@link ShardIdentities}. Each shard's database decides its own rules; nothing crosses shards.
 */
class PostgresOfferShardsTest {

    private static final int THREADS = 16;
    private static final int KEYS_PER_OFFER = 8;
    private static final String GLOBAL = "global-token-of-this-host";

    private static EmbeddedPostgresServer serverA;
    private static EmbeddedPostgresServer serverB;

    private HikariDataSource dbA;
    private HikariDataSource dbB;
    private JdbcLeadStore storeA;
    private JdbcLeadStore storeB;

    @BeforeAll
    static void startServers() {
        serverA = EmbeddedPostgresServer.startNew();
        serverB = EmbeddedPostgresServer.startNew();
    }

    @AfterAll
    static void stopServers() {
        try (EmbeddedPostgresServer a = serverA; EmbeddedPostgresServer b = serverB) {
            // both closed, the second even when the first fails
        }
    }

    @BeforeEach
    void databases() {
        dbA = shard(serverA, 0);
        dbB = shard(serverB, 1);
        storeA = JdbcLeadStore.builder(dbA).build();
        storeB = JdbcLeadStore.builder(dbB).build();
    }

    @AfterEach
    void closePools() {
        dbA.close();
        dbB.close();
    }

    private static HikariDataSource shard(EmbeddedPostgresServer server, int index) {
        String url = ((PGSimpleDataSource) server.newDatabase()).getUrl();
        HikariDataSource db = TestDatabases.pool(url, "postgres", 8);
        Schema.create(db);
        ShardIdentities.apply(db, index, 2);
        return db;
    }

    private OfferShards router(InMemoryOfferCatalog catalog) {
        ClickInfo ofOffer2 = new ClickInfo(2, 2001, 77);
        return OfferShards.builder(List.of(processor(storeA, catalog), processor(storeB, catalog)), catalog,
                        offerId -> offerId == 2 ? 1 : 0)
                .defaultShard(0)
                .globalToken(GLOBAL)
                .clickResolver(click -> click.startsWith("tracked-") ? Optional.of(ofOffer2) : Optional.empty())
                .build();
    }

    private static PostbackProcessor processor(JdbcLeadStore store, InMemoryOfferCatalog catalog) {
        return PostbackProcessor.builder(store, catalog).recordEvents(true).globalToken(GLOBAL)
                .clickResolver(click -> click.startsWith("tracked-") ? Optional.of(new ClickInfo(2, 2001, 77)) : Optional.empty())
                .build();
    }

    @Test
    void racingCreatesMakeOneLeadPerKeyOnTheShardOfItsOfferWithIdsUniqueAcrossShards() throws Exception {
        OfferShards shards = router(TestCatalog.create());
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < KEYS_PER_OFFER; k++) {
            keys.add("token=" + TestCatalog.TOKEN_12 + "&click=a" + k + "&exto=oa" + k);
            keys.add("token=" + TestCatalog.TOKEN_13 + "&click=b" + k + "&exto=ob" + k);
        }
        Map<String, List<PostbackResult>> results = new ConcurrentHashMap<>();
        StoreFuzzer.run(THREADS, thread -> {
            List<String> mine = new ArrayList<>(keys);
            Collections.shuffle(mine, new Random(thread));
            for (String key : mine) {
                PostbackResult result = shards.handle(Postbacks.create(key));
                results.computeIfAbsent(key, k -> Collections.synchronizedList(new ArrayList<>())).add(result);
            }
            return null;
        });

        results.forEach((key, answers) -> {
            assertThat(answers).as(key).hasSize(THREADS);
            assertThat(answers).as(key).filteredOn(r -> r.outcome() == Outcome.CREATED).hasSize(1);
            assertThat(answers).as(key).allMatch(r -> r.outcome() == Outcome.CREATED || r.outcome() == Outcome.DUPLICATE);
            assertThat(answers.stream().map(r -> r.lead().orElseThrow().id()).distinct()).as(key).hasSize(1);
        });
        assertThat(longs(dbA, "SELECT DISTINCT offer_id FROM pb_lead")).containsExactly(1L);
        assertThat(longs(dbB, "SELECT DISTINCT offer_id FROM pb_lead")).containsExactly(2L);
        assertThat(longs(dbA, "SELECT id FROM pb_lead")).hasSize(KEYS_PER_OFFER);
        assertThat(longs(dbB, "SELECT id FROM pb_lead")).hasSize(KEYS_PER_OFFER);
        assertThat(longs(dbA, "SELECT DISTINCT offer_id FROM pb_journal")).containsExactly(1L);
        assertThat(longs(dbB, "SELECT DISTINCT offer_id FROM pb_journal")).containsExactly(2L);
        assertThat(TestDatabases.count(dbA, "SELECT COUNT(*) FROM pb_journal")).isEqualTo((long) THREADS * KEYS_PER_OFFER);

        Set<Long> ids = new HashSet<>(longs(dbA, "SELECT id FROM pb_lead"));
        ids.addAll(longs(dbB, "SELECT id FROM pb_lead"));
        assertThat(ids).as("lead ids unique across shards").hasSize(2 * KEYS_PER_OFFER);
        assertThat(longs(dbA, "SELECT id % 2 FROM pb_lead UNION SELECT id % 2 FROM pb_journal")).containsExactly(1L);
        assertThat(longs(dbB, "SELECT id % 2 FROM pb_lead UNION SELECT id % 2 FROM pb_journal")).containsExactly(0L);

        assertEventsOnlyOfOwnLeads(dbA, 1);
        assertEventsOnlyOfOwnLeads(dbB, 2);
    }

    private static void assertEventsOnlyOfOwnLeads(DataSource db, long offerId) {
        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_outbox")).as("events of shard of offer %d", offerId)
                .isEqualTo(KEYS_PER_OFFER);
        assertThat(longs(db, "SELECT DISTINCT offer_id FROM pb_outbox")).containsExactly(offerId);
        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_outbox o WHERE NOT EXISTS "
                + "(SELECT 1 FROM pb_lead l WHERE l.id = o.lead_id)")).as("events of leads of another shard").isZero();
    }

    @Test
    void aPostbackWhoseOfferCannotBeToldIsAnsweredAndJournaledOnTheDefaultShard() {
        OfferShards shards = router(TestCatalog.create());

        for (String query : List.of("click=c1", "token=99-nokey&click=c2", "token=malformed&click=c3",
                "token=" + GLOBAL + "&flow=999&click=c4", "token=" + GLOBAL + "&click=untracked")) {
            PostbackResult result = shards.handle(Postbacks.create(query));
            assertThat(result.isRejected()).as(query).isTrue();
        }
        PostbackResult wrongKey = shards.handle(Postbacks.create("token=13-wrongkey&click=c5"));

        assertThat(((PostbackResult.Rejected) wrongKey).code()).isEqualTo(ErrorCode.TOKEN);
        assertThat(TestDatabases.count(dbA, "SELECT COUNT(*) FROM pb_journal WHERE outcome = 'rejected'")).isEqualTo(5);
        assertThat(strings(dbA, "SELECT DISTINCT error_code FROM pb_journal")).containsExactlyInAnyOrder("token", "flow", "click");
        assertThat(TestDatabases.count(dbB, "SELECT COUNT(*) FROM pb_journal")).as("only site 13's postback, on its offer's shard")
                .isEqualTo(1);
        assertThat(TestDatabases.count(dbA, "SELECT COUNT(*) FROM pb_lead") + TestDatabases.count(dbB, "SELECT COUNT(*) FROM pb_lead"))
                .isZero();
    }

    @Test
    void theGlobalTokenIsRoutedByFlowCodeOrTrackedClick() {
        OfferShards shards = router(TestCatalog.create());

        PostbackResult byFlow = shards.handle(Postbacks.create("token=" + GLOBAL + "&flow=2001&click=g1&exto=ge1"));
        PostbackResult byCode = shards.handle(Postbacks.create("token=" + GLOBAL + "&code=5FAC-D4E8&click=g2"));
        PostbackResult byClick = shards.handle(Postbacks.create("token=" + GLOBAL + "&click=tracked-g3"));

        assertThat(List.of(byFlow, byCode, byClick)).allMatch(r -> r.outcome() == Outcome.CREATED);
        assertThat(longs(dbB, "SELECT id FROM pb_lead")).containsExactlyInAnyOrder(byFlow.lead().orElseThrow().id(),
                byClick.lead().orElseThrow().id());
        assertThat(longs(dbA, "SELECT id FROM pb_lead")).containsExactly(byCode.lead().orElseThrow().id());
        assertThat(shards.explain(Postbacks.create("token=" + GLOBAL + "&flow=2001&click=g1&exto=ge1")).result().outcome())
                .as("explained on the shard that holds the lead").isEqualTo(Outcome.DUPLICATE);
    }

    @Test
    void aRejectionJournaledOnShardBIsReplayedThereAfterTheCatalogFix() {
        OfferShards before = router(TestCatalog.create());
        PostbackResult rejected = before.handle(Postbacks.create("token=" + TestCatalog.TOKEN_13 + "&click=r1&exto=or1&goal=cpl"));
        assertThat(((PostbackResult.Rejected) rejected).code()).isEqualTo(ErrorCode.GOAL);

        InMemoryOfferCatalog fixed = withGoalAliasOnOffer2("cpl");
        OfferShards after = router(fixed);
        JournalReplayer.Report onA = new JournalReplayer(after.shard(0), storeA, fixed).replayRejected(0, 100);
        JournalReplayer.Report onB = new JournalReplayer(after.shard(1), storeB, fixed).replayRejected(0, 100);

        assertThat(onA.replays()).isEmpty();
        assertThat(onB.count(JournalReplayer.Disposition.APPLIED)).isEqualTo(1);
        assertThat(longs(dbB, "SELECT offer_id FROM pb_lead")).containsExactly(2L);
        assertThat(TestDatabases.count(dbA, "SELECT COUNT(*) FROM pb_lead")).isZero();
        assertThat(TestDatabases.count(dbA, "SELECT COUNT(*) FROM pb_journal")).isZero();
    }

    /** TestCatalog, with offer 2's goal {@code lead} also answering to {@code alias}. */
    private static InMemoryOfferCatalog withGoalAliasOnOffer2(String alias) {
        InMemoryOfferCatalog base = TestCatalog.create();
        InMemoryOfferCatalog.Builder fixed = InMemoryOfferCatalog.builder();
        for (Offer offer : base.offers()) {
            fixed.offer(offer.id() != 2 ? offer : new Offer(2, offer.name(), offer.currency(),
                    List.of(Goal.of("lead", "5", WebmasterRate.fixed("2"), alias)), "lead"));
        }
        base.sites().forEach(fixed::site);
        base.flows().forEach(fixed::flow);
        return fixed.build();
    }

    private static List<Long> longs(DataSource db, String sql) {
        return strings(db, sql).stream().map(Long::valueOf).toList();
    }

    private static List<String> strings(DataSource db, String sql) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}

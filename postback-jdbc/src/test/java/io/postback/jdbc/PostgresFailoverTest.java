package io.postback.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.postback.PostbackResult;
import io.postback.jdbc.testing.EmbeddedPostgresServer;
import io.postback.jdbc.testing.Invariants;
import io.postback.jdbc.testing.Node;
import io.postback.jdbc.testing.TestDatabases;
import io.postback.model.ErrorCode;
import io.postback.model.Lead;
import io.postback.model.Outcome;
import io.postback.model.Status;
import io.postback.spi.LeadLookup;
import io.postback.testing.TestCatalog;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 9: a primary with a synchronous standby, two processors on a multi-host URL under
 * load; the primary is killed ({@code pg_ctl stop -m immediate}) and the standby promoted. Senders
 * resend what was answered {@code store}, as real ones do. Afterwards no acknowledged postback is
 * lost, no key has two leads, and every ledger sums to what its lead earns. The settings it runs
 * with are the ones docs/RELIABILITY.md's "Failover" section asks production for.
 */
class PostgresFailoverTest {

    private static final Map<String, String> DURABLE = Map.of("fsync", "on", "synchronous_commit", "on",
            "wal_level", "replica", "max_wal_senders", "4", "hot_standby", "on");
    private static final int THREADS = 8;
    private static final int MAX_TRIES = 200;

    /** The lead id each acknowledged CREATE was answered with, and the keys whose approval was acknowledged. */
    private final Map<String, Long> createdIds = new ConcurrentHashMap<>();
    private final Map<String, Boolean> approved = new ConcurrentHashMap<>();
    private static final java.util.concurrent.atomic.AtomicInteger STORE_ANSWERS = new java.util.concurrent.atomic.AtomicInteger();

    @Test
    void noAcknowledgedPostbackIsLostWhenThePrimaryDiesAndTheSynchronousStandbyIsPromoted() throws Exception {
        EmbeddedPostgresServer primary = EmbeddedPostgresServer.startNew(DURABLE);
        EmbeddedPostgresServer standby = null;
        ExecutorService load = Executors.newFixedThreadPool(THREADS);
        try {
            standby = standbyOf(primary);
            // Synchronous from now on: a commit is acknowledged once the standby has it on disk.
            primary.startAgain(Map.of("synchronous_standby_names", "standby1"));
            awaitSynchronousStandby(primary.dataSource("postgres"));

            String url = "jdbc:postgresql://localhost:" + primary.port() + ",localhost:" + standby.port()
                    + "/postgres?targetServerType=primary&connectTimeout=2";
            try (Node a = node(url); Node b = node(url)) {
                failOverUnderLoad(primary, standby, load, a, b);
                System.out.printf("FAILOVER acknowledged_creates=%d acknowledged_approvals=%d store_answers_resent=%d%n",
                        createdIds.size(), approved.size(), STORE_ANSWERS.get());
                assertNothingAcknowledgedIsLost(a);
                Invariants.assertNothingHalfWritten(standby.dataSource("postgres"), a.store());
                assertThat(TestDatabases.count(standby.dataSource("postgres"), "SELECT COUNT(*) FROM (SELECT dedupe_key FROM "
                        + "pb_lead WHERE dedupe_key IS NOT NULL GROUP BY offer_id, dedupe_key HAVING COUNT(*) > 1) d"))
                        .as("keys with two leads").isZero();
            }
        } finally {
            load.shutdownNow();
            primary.close();
            if (standby != null) {
                standby.close();
            }
        }
    }

    /** The primary's schema and catalog, and a standby copied from its stopped data directory; the primary is left stopped. */
    private static EmbeddedPostgresServer standbyOf(EmbeddedPostgresServer primary) throws Exception {
        Schema.create(primary.dataSource("postgres"));
        JdbcOfferCatalog.importCatalog(primary.dataSource("postgres"), TestCatalog.create());
        primary.stop();
        // The promoted standby must not wait for a synchronous standby of its own.
        Map<String, String> standbyConfig = new java.util.HashMap<>(DURABLE);
        standbyConfig.put("synchronous_standby_names", "");
        return primary.standby("standby1", standbyConfig);
    }

    /** Senders on both nodes; the primary dies while its standby lags, the standby is promoted, and the senders finish. */
    private void failOverUnderLoad(EmbeddedPostgresServer primary, EmbeddedPostgresServer standby, ExecutorService load,
                                   Node a, Node b) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        List<Future<?>> senders = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Node node = t % 2 == 0 ? a : b;
            int thread = t;
            senders.add(load.submit(() -> send(node, thread, running)));
        }
        Thread.sleep(2_000);
        // The standby falls behind before the primary dies (its WAL receiver paused): on loopback it
        // would otherwise never lag, and an asynchronous standby would lose nothing here either.
        long receiver = walReceiverPid(standby.dataSource("postgres"));
        signal("STOP", receiver);
        Thread.sleep(500);
        primary.stopImmediately();
        signal("CONT", receiver);
        promote(standby.dataSource("postgres"));
        Thread.sleep(4_000);
        running.set(false);
        for (Future<?> sender : senders) {
            sender.get(60, TimeUnit.SECONDS);
        }
    }

    private static Node node(String url) {
        HikariDataSource pool = TestDatabases.pool(url, "postgres", THREADS / 2, null, 750);
        return new Node(pool);
    }

    /** Keys one after the other; each postback is resent while it is answered 'store', as a sender does. */
    private Void send(Node node, int thread, AtomicBoolean running) throws InterruptedException {
        for (int k = 0; running.get(); k++) {
            String key = "click=failover-" + thread + "-" + k + "&exto=e";
            PostbackResult created = untilAnswered(() -> node.create(key), running);
            if (created == null) {
                return null;
            }
            assertThat(created.outcome()).isIn(Outcome.CREATED, Outcome.DUPLICATE);
            createdIds.put(key, created.lead().orElseThrow().id());
            PostbackResult approval = untilAnswered(() -> node.status(key + "&status=approved"), running);
            if (approval == null) {
                return null;
            }
            assertThat(approval.outcome()).as(approval.toJson()).isIn(Outcome.UPDATED, Outcome.UNCHANGED);
            approved.put(key, Boolean.TRUE);
        }
        return null;
    }

    private static PostbackResult untilAnswered(Supplier<PostbackResult> postback, AtomicBoolean running)
            throws InterruptedException {
        for (int tries = 0; tries < MAX_TRIES; tries++) {
            PostbackResult result = postback.get();
            if (!(result instanceof PostbackResult.Rejected rejected)) {
                return result;
            }
            assertThat(rejected.code()).as(rejected.message()).isEqualTo(ErrorCode.STORE);
            STORE_ANSWERS.incrementAndGet();
            if (!running.get() && tries > 50) {
                return null;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("never answered after the failover");
    }

    private void assertNothingAcknowledgedIsLost(Node node) {
        assertThat(createdIds).as("postbacks acknowledged").hasSizeGreaterThan(THREADS);
        createdIds.forEach((key, id) -> {
            String click = key.substring("click=".length(), key.indexOf('&'));
            Optional<Lead> lead = node.store().find(new LeadLookup.ByKey(1, "x:" + click + "\u001Fe"));
            assertThat(lead).as("acknowledged lead of %s", click).isPresent();
            assertThat(lead.get().id()).as("the id %s was answered with", click).isEqualTo(id);
            if (approved.containsKey(key)) {
                assertThat(lead.get().status()).as("acknowledged approval of %s", click).isEqualTo(Status.APPROVE);
            }
        });
    }

    private static void awaitSynchronousStandby(DataSource primary) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Connection c = primary.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby1'")) {
                if (rs.next() && rs.getString(1).equals("sync")) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the standby never became synchronous");
    }

    private static long walReceiverPid(DataSource standby) throws Exception {
        try (Connection c = standby.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pid FROM pg_stat_wal_receiver")) {
            assertThat(rs.next()).as("the standby streams from the primary").isTrue();
            return rs.getLong(1);
        }
    }

    private static void signal(String signal, long pid) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor())
                .as("kill -%s %d", signal, pid).isZero();
    }

    private static void promote(DataSource standby) throws Exception {
        try (Connection c = standby.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_promote(true, 30)")) {
            rs.next();
            assertThat(rs.getBoolean(1)).as("promoted").isTrue();
        }
    }
}

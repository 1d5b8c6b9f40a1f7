package io.postback.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.postback.JournalReplayer;
import io.postback.PostbackProcessor;
import io.postback.PostbackRequest;
import io.postback.PostbackResult;
import io.postback.jdbc.testing.TestDatabases;
import io.postback.model.Action;
import io.postback.model.Outcome;
import io.postback.testing.MutableClock;
import io.postback.testing.TestCatalog;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Journal retention (docs/retention.md): old rows go in bounded batches, the rows the guarantees
 * rely on stay, dedupe and replay still hold afterwards, and postbacks sent while a purge runs
 * all succeed.
 */
abstract class AbstractRetentionTest {

    private static final Duration RETENTION = Duration.ofDays(90);

    protected abstract HikariDataSource database();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final AtomicInteger connections = new AtomicInteger();
    private HikariDataSource db;
    private JdbcLeadStore store;
    private PostbackProcessor processor;

    @BeforeEach
    void storeOnACountingDataSource() {
        db = database();
        JdbcOfferCatalog.importCatalog(db, TestCatalog.create());
        DataSource counting = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        connections.incrementAndGet();
                    }
                    try {
                        return method.invoke(db, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        store = JdbcLeadStore.builder(counting).build();
        processor = PostbackProcessor.builder(store, JdbcOfferCatalog.builder(db).build()).clock(clock).build();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private PostbackResult send(Action action, String query) {
        return processor.handle(PostbackRequest.fromQuery(action, "token=" + TestCatalog.TOKEN_12 + "&" + query));
    }

    @Test
    void purgeDeletesOldRowsInBatchesAndKeepsTheRowsTheGuaranteesNeed() {
        assertThat(send(Action.CREATE, "click=c1&exto=o1").outcome()).isEqualTo(Outcome.CREATED);
        assertThat(send(Action.CREATE, "click=c1&exto=o1").outcome()).isEqualTo(Outcome.DUPLICATE);
        for (int i = 0; i < 5; i++) {
            assertThat(send(Action.CREATE, "click=x" + i + "&goal=nosuch").isRejected()).isTrue();
        }
        assertThat(send(Action.STATUS, "click=c2&exto=o2&status=approved").isRejected()).as("its lead does not exist yet").isTrue();
        assertThat(send(Action.CREATE, "click=c2&exto=o2").outcome()).isEqualTo(Outcome.CREATED);
        JournalReplayer replayer = new JournalReplayer(processor, store, JdbcOfferCatalog.builder(db).build());
        assertThat(replayer.replayRejected(0, 100).count(JournalReplayer.Disposition.APPLIED)).isEqualTo(1);
        assertThat(send(Action.CREATE, "click=c1&exto=o1").outcome()).isEqualTo(Outcome.DUPLICATE);
        long signedDuplicate = newestJournalId();
        store.firstUse("digest-of-a-signed-repeat", postbackIdOf(signedDuplicate), Instant.now().plus(Duration.ofDays(1)));

        Set<Long> old = journalIds("SELECT id FROM pb_journal");
        Set<Long> needed = journalIds("SELECT journal_id FROM pb_ledger");
        needed.addAll(journalIds("SELECT id FROM pb_journal WHERE replay_key IS NOT NULL"));
        needed.addAll(journalIds("SELECT replay_key FROM pb_journal WHERE replay_key IS NOT NULL"));
        needed.add(signedDuplicate);
        assertThat(needed).as("some rows are needed, some are not").isNotEmpty().hasSizeLessThan(old.size() - 5);

        clock.advance(RETENTION.plusDays(1));
        send(Action.CREATE, "click=young&goal=nosuch");
        Set<Long> young = new HashSet<>(journalIds("SELECT id FROM pb_journal"));
        young.removeAll(old);

        connections.set(0);
        long purged = store.purgeJournal(clock.instant().minus(RETENTION), 2);

        Set<Long> left = journalIds("SELECT id FROM pb_journal");
        Set<Long> expected = new HashSet<>(needed);
        expected.addAll(young);
        assertThat(left).isEqualTo(expected);
        assertThat(purged).isEqualTo(old.size() - needed.size());
        assertThat(connections.get()).as("one short transaction per batch of 2 rows looked at").isGreaterThanOrEqualTo(old.size() / 2);
        assertThat(store.purgeJournal(clock.instant().minus(RETENTION), 2)).as("nothing more to purge").isZero();
    }

    @Test
    void afterAPurgeARetriedCreateIsStillADuplicateAndAnAppliedReplayIsNotAppliedAgain() {
        long lead = send(Action.CREATE, "click=c1&exto=o1").lead().orElseThrow().id();
        assertThat(send(Action.STATUS, "click=c9&exto=o9&status=approved").isRejected()).isTrue();
        send(Action.CREATE, "click=c9&exto=o9");
        JournalReplayer replayer = new JournalReplayer(processor, store, JdbcOfferCatalog.builder(db).build());
        assertThat(replayer.replayRejected(0, 100).count(JournalReplayer.Disposition.APPLIED)).isEqualTo(1);

        clock.advance(RETENTION.plusDays(1));
        assertThat(store.purgeJournal(clock.instant().minus(RETENTION), 1000)).isPositive();

        PostbackResult retried = send(Action.CREATE, "click=c1&exto=o1");
        assertThat(retried.outcome()).as("the key is in pb_lead, not in the journal").isEqualTo(Outcome.DUPLICATE);
        assertThat(retried.lead().orElseThrow().id()).isEqualTo(lead);
        JournalReplayer.Report again = replayer.replayRejected(0, 100);
        assertThat(again.count(JournalReplayer.Disposition.APPLIED)).isZero();
        assertThat(again.count(JournalReplayer.Disposition.ALREADY_REPLAYED)).isEqualTo(1);
    }

    @Test
    void purgeDeletesFinishedOldDeliveriesWithTheirAttemptsAndKeepsPendingOnes() throws SQLException {
        long lead = send(Action.CREATE, "click=c1&exto=o1").lead().orElseThrow().id();
        Instant old = clock.instant();
        execute("INSERT INTO pb_delivery (lead_id, event_id, postback_id, event_trigger, method, url_template, macro_values, "
                + "created_at, due_at, state, attempts) VALUES "
                + row(lead, "e1", old, "delivered") + ", " + row(lead, "e2", old, "dead") + ", " + row(lead, "e3", old, "pending") + ", "
                + row(lead, "e4", old.plus(RETENTION).plus(Duration.ofDays(1)), "delivered"));
        for (long delivery : journalIds("SELECT id FROM pb_delivery")) {
            execute("INSERT INTO pb_delivery_attempt (delivery_id, attempted_at, http_status, error, took_micros) VALUES ("
                    + delivery + ", " + timestamp(old) + ", 200, NULL, 1000)");
        }
        clock.advance(RETENTION.plusDays(2));

        assertThat(store.purgeDeliveries(clock.instant().minus(RETENTION), 1)).isEqualTo(2);

        assertThat(journalIds("SELECT id FROM pb_delivery")).hasSize(2);
        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_delivery WHERE event_id IN ('e3', 'e4')")).isEqualTo(2);
        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_delivery_attempt")).as("the attempts of the kept ones").isEqualTo(2);
        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_delivery_attempt a WHERE NOT EXISTS "
                + "(SELECT 1 FROM pb_delivery d WHERE d.id = a.delivery_id)")).isZero();
    }

    @Test
    void postbacksSentWhilePurgeRunsAllSucceed() throws Exception {
        int oldRows = 3000;
        for (int i = 0; i < oldRows; i++) {
            assertThat(send(Action.CREATE, "click=old" + i + "&goal=nosuch").isRejected()).isTrue();
        }
        PostbackProcessor live = PostbackProcessor.builder(store, JdbcOfferCatalog.builder(db).build()).clock(Clock.systemUTC()).build();
        ConcurrentLinkedQueue<Long> latenciesNanos = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean purging = new AtomicBoolean(true);
        AtomicInteger sequence = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            running.add(clients.submit(() -> {
                while (purging.get()) {
                    int n = sequence.incrementAndGet();
                    long start = System.nanoTime();
                    try {
                        PostbackResult result = live.handle(PostbackRequest.fromQuery(Action.CREATE,
                                "token=" + TestCatalog.TOKEN_12 + "&click=live" + n + "&exto=live" + n));
                        if (result.outcome() != Outcome.CREATED) {
                            failures.add(result.toJson());
                        }
                    } catch (RuntimeException e) {
                        failures.add(e.toString());
                    }
                    latenciesNanos.add(System.nanoTime() - start);
                }
            }));
        }
        long purged;
        try {
            Thread.sleep(200); // the clients are sending when the purge starts
            purged = store.purgeJournal(Instant.now().minus(Duration.ofDays(1)), 100);
        } finally {
            purging.set(false);
            for (Future<?> client : running) {
                client.get();
            }
            clients.shutdown();
        }

        assertThat(failures).isEmpty();
        assertThat(purged).isEqualTo(oldRows);
        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_lead")).isEqualTo(latenciesNanos.size());
        List<Long> sorted = new ArrayList<>(latenciesNanos);
        Collections.sort(sorted);
        double p99 = sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1) / 1e6;
        System.out.printf("RETENTION purge_under_load database=%s postbacks=%d p99_ms=%.1f rows_purged=%d batch=100%n",
                store.dialect(), sorted.size(), p99, purged);
    }

    private long newestJournalId() {
        return store.latestJournal(1).get(0).id();
    }

    private String postbackIdOf(long journalId) {
        return store.latestJournal(100).stream().filter(e -> e.id() == journalId).findFirst().orElseThrow().postbackId();
    }

    private static String row(long lead, String event, Instant createdAt, String state) {
        return "(" + lead + ", '" + event + "', 1, 'create', 'GET', 'http://example.invalid/', '{}', " + timestamp(createdAt) + ", "
                + timestamp(createdAt) + ", '" + state + "', 1)";
    }

    private static String timestamp(Instant instant) {
        return "TIMESTAMP '" + instant.toString().replace('T', ' ').replace("Z", "") + "'";
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private Set<Long> journalIds(String sql) {
        Set<Long> ids = new HashSet<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        return ids;
    }
}

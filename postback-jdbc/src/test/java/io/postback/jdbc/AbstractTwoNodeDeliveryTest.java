package io.postback.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.postback.jdbc.testing.TestDatabases;
import io.postback.model.Lead;
import io.postback.model.OutboundPostback.Method;
import io.postback.model.OutboundPostback.Trigger;
import io.postback.spi.Delivery;
import io.postback.spi.DeliveryAttempt;
import io.postback.spi.DeliveryQueue.Next;
import io.postback.spi.Effects;
import io.postback.spi.Insertion;
import io.postback.spi.QueuedDelivery;
import io.postback.testing.contract.Fixtures;
import io.postback.testing.contract.StoreFuzzer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Outbound deliveries (rules §15) claimed by 16 threads over two stores (two pools) on one
 * database: a delivery is never claimed twice while its lease holds, a node that dies holding
 * leases loses them to the other once they pass, and claims, attempts and lead writes racing
 * together deliver each delivery once. Every thread is a node of its own name.
 */
abstract class AbstractTwoNodeDeliveryTest {

    private static final int THREADS = 16;
    private static final Instant NOW = Instant.parse("2026-03-04T05:00:00Z");
    private static final Duration LONG_LEASE = Duration.ofHours(1);
    private static final AtomicLong EVENT_IDS = new AtomicLong();

    /** A new database with the schema; its JDBC URL and user are what the nodes connect with. */
    protected abstract DataSource database();

    protected abstract String user();

    private DataSource db;
    private HikariDataSource poolA;
    private HikariDataSource poolB;
    private JdbcLeadStore a;
    private JdbcLeadStore b;

    @BeforeEach
    void twoNodes() {
        db = database();
        String url = ((HikariDataSource) db).getJdbcUrl();
        poolA = TestDatabases.pool(url, user(), 8);
        poolB = TestDatabases.pool(url, user(), 8);
        a = JdbcLeadStore.builder(poolA).build();
        b = JdbcLeadStore.builder(poolB).build();
    }

    @AfterEach
    void closeNodes() {
        poolA.close();
        poolB.close();
    }

    @Test
    void sixteenNodesClaimingAtOnceClaimEachDeliveryExactlyOnce() throws Exception {
        List<Long> enqueued = enqueue(a, 60, 4);
        Map<Long, String> claimedBy = new ConcurrentHashMap<>();
        AtomicInteger twice = new AtomicInteger();

        StoreFuzzer.run(THREADS, thread -> {
            String node = "node-" + thread;
            for (List<QueuedDelivery> claimed = store(thread).claim(node, NOW, LONG_LEASE, 3); !claimed.isEmpty();
                 claimed = store(thread).claim(node, NOW, LONG_LEASE, 3)) {
                for (QueuedDelivery q : claimed) {
                    if (claimedBy.putIfAbsent(q.delivery().id(), node) != null) {
                        twice.incrementAndGet();
                    }
                }
            }
            return null;
        });

        assertThat(twice.get()).as("deliveries claimed a second time while leased").isZero();
        assertThat(claimedBy.keySet()).containsExactlyInAnyOrderElementsOf(enqueued);
        assertThat(a.claim("late", NOW.plus(LONG_LEASE).minusSeconds(1), LONG_LEASE, 1000)).isEmpty();
        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_delivery WHERE lease_owner IS NULL")).isZero();
    }

    @Test
    void afterANodeDiesHoldingLeasesTheOtherNodesTakeEachDeliveryOnceTheLeasesPass() throws Exception {
        List<Long> enqueued = enqueue(a, 30, 2);
        Duration lease = Duration.ofSeconds(30);
        List<QueuedDelivery> held = a.claim("dying-node", NOW, lease, 1000);
        assertThat(held).extracting(q -> q.delivery().id()).containsExactlyInAnyOrderElementsOf(enqueued);
        Instant stillHeld = NOW.plus(lease).minusSeconds(1);
        Instant passed = NOW.plus(lease);
        ConcurrentLinkedQueue<Long> before = new ConcurrentLinkedQueue<>();
        Map<Long, String> takenBy = new ConcurrentHashMap<>();
        AtomicInteger twice = new AtomicInteger();

        StoreFuzzer.run(THREADS, thread -> {
            String node = "heir-" + thread;
            store(thread).claim(node, stillHeld, LONG_LEASE, 5).forEach(q -> before.add(q.delivery().id()));
            for (List<QueuedDelivery> claimed = store(thread).claim(node, passed, LONG_LEASE, 2); !claimed.isEmpty();
                 claimed = store(thread).claim(node, passed, LONG_LEASE, 2)) {
                for (QueuedDelivery q : claimed) {
                    if (takenBy.putIfAbsent(q.delivery().id(), node) != null) {
                        twice.incrementAndGet();
                    }
                }
            }
            return null;
        });

        assertThat(before).as("claimed while the dead node's lease held").isEmpty();
        assertThat(twice.get()).isZero();
        assertThat(takenBy.keySet()).containsExactlyInAnyOrderElementsOf(enqueued);
        long id = held.get(0).delivery().id();
        DeliveryAttempt late = DeliveryAttempt.answered(passed, 200, Duration.ofMillis(5));
        assertThat(a.record(id, "dying-node", late, new Next.Delivered())).as("the dead node, back too late").isFalse();
        assertThat(b.record(id, takenBy.get(id), late, new Next.Delivered())).isTrue();
        assertThat(a.attempts(id)).hasSize(1);
    }

    @Test
    void leadWritesClaimsAndAttemptsRacingDeliverEachDeliveryOnce() throws Exception {
        int writers = THREADS / 2;
        int leadsPerWriter = 15;
        AtomicInteger writing = new AtomicInteger(writers);
        ConcurrentLinkedQueue<Long> delivered = new ConcurrentLinkedQueue<>();
        AtomicInteger lostRecords = new AtomicInteger();

        StoreFuzzer.run(THREADS, thread -> {
            if (thread < writers) {
                for (int i = 0; i < leadsPerWriter; i++) {
                    insertWithDeliveries(store(thread), "w" + thread + "-" + i, 2);
                }
                writing.decrementAndGet();
                return null;
            }
            String node = "dispatcher-" + thread;
            while (true) {
                boolean writersDone = writing.get() == 0;
                List<QueuedDelivery> claimed = store(thread).claim(node, NOW, LONG_LEASE, 4);
                for (QueuedDelivery q : claimed) {
                    long id = q.delivery().id();
                    Next next = q.attempts() == 0 && id % 3 == 0 ? new Next.RetryAt(NOW) : new Next.Delivered();
                    int status = next instanceof Next.Delivered ? 200 : 503;
                    if (!store(thread).record(id, node, DeliveryAttempt.answered(NOW, status, Duration.ofMillis(1)), next)) {
                        lostRecords.incrementAndGet();
                    } else if (next instanceof Next.Delivered) {
                        delivered.add(id);
                    }
                }
                if (claimed.isEmpty() && writersDone) {
                    return null;
                }
            }
        });

        int total = writers * leadsPerWriter * 2;
        assertThat(lostRecords.get()).as("records refused to the lease's owner").isZero();
        assertThat(delivered).hasSize(total).doesNotHaveDuplicates();
        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_delivery WHERE state = 'delivered'")).isEqualTo(total);
        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_delivery_attempt")).as("one attempt each, two for a retried one")
                .isEqualTo(TestDatabases.count(db, "SELECT COUNT(*) + SUM(CASE WHEN MOD(id, 3) = 0 THEN 1 ELSE 0 END) FROM pb_delivery"));
        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_delivery d WHERE attempts <> (SELECT COUNT(*) "
                + "FROM pb_delivery_attempt t WHERE t.delivery_id = d.id)")).as("attempts counted as recorded").isZero();
        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_delivery d WHERE NOT EXISTS (SELECT 1 FROM pb_lead l "
                + "WHERE l.id = d.lead_id)")).as("deliveries of no lead").isZero();
    }

    /** Thread 0, 2, 4 ... on node a's store, the others on node b's. */
    private JdbcLeadStore store(int thread) {
        return thread % 2 == 0 ? a : b;
    }

    /** {@code leads} new leads with {@code each} deliveries each, due at {@link #NOW}: the ids of the deliveries. */
    private List<Long> enqueue(JdbcLeadStore store, int leads, int each) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < leads; i++) {
            Lead lead = insertWithDeliveries(store, "q" + i, each);
            store.deliveriesOf(lead.id()).forEach(q -> ids.add(q.delivery().id()));
        }
        assertThat(ids).hasSize(leads * each);
        return ids;
    }

    private static Lead insertWithDeliveries(JdbcLeadStore store, String click, int count) {
        Lead lead = Fixtures.lead(1, click, "e", true);
        Effects created = Fixtures.created(lead);
        List<Delivery> deliveries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            deliveries.add(new Delivery(0, "two-node-" + EVENT_IDS.incrementAndGet(), 1, 0, Trigger.CREATE, Method.GET,
                    "https://tracker.example/pb?cid={click}", Map.of("click", click), NOW));
        }
        Insertion insertion = store.insert(lead, new Effects(created.journal(), created.bookings(), created.events(), List.of(),
                List.of(), List.of(), deliveries));
        assertThat(insertion).isInstanceOf(Insertion.Inserted.class);
        return Fixtures.leadOf(insertion);
    }
}

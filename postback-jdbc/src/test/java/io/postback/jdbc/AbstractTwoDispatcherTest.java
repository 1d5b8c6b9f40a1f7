package io.postback.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import io.postback.jdbc.testing.Node;
import io.postback.jdbc.testing.TestDatabases;
import io.postback.memory.InMemoryOfferCatalog;
import io.postback.model.Lead;
import io.postback.outbound.Dispatcher;
import io.postback.spi.DeliveryAttempt;
import io.postback.spi.DeliveryQueue;
import io.postback.spi.QueuedDelivery;
import io.postback.testing.MutableClock;
import io.postback.testing.NetworkCatalog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two dispatchers, each on its own node (pool and store), sending one database's deliveries to a
 * receiver on loopback (rules §15): no delivery is ever sent by both at the same time, and one that
 * a node sent but died before recording is sent again by the other once its lease has passed.
 */
abstract class AbstractTwoDispatcherTest {

    private static final int LEADS = 40;

    protected abstract DataSource database();

    protected abstract String user();

    private final MutableClock clock = new MutableClock();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private HttpServer receiver;
    private final ExecutorService receiverThreads = Executors.newFixedThreadPool(16);
    private InMemoryOfferCatalog catalog;
    private Node a;
    private Node b;

    @BeforeEach
    void twoNodesAndAReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        receiver.setExecutor(receiverThreads);
        receiver.createContext("/pb", exchange -> {
            String event = exchange.getRequestURI().getRawQuery().replaceAll(".*e=([^&]*).*", "$1");
            int now = inFlight.computeIfAbsent(event, e -> new AtomicInteger()).incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            received.computeIfAbsent(event, e -> new AtomicInteger()).incrementAndGet();
            try {
                Thread.sleep(20); // long enough for a second sender of the same delivery to overlap
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.get(event).decrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        catalog = NetworkCatalog.read("""
                {"offers": [{"id": 1, "name": "Casino", "currency": "EUR", "default_goal": "reg",
                             "goals": [{"id": "reg", "payout": "10", "commission": {"fixed": "4"}}]}],
                 "sites": [{"id": 12, "offer": 1, "key": "abc"}],
                 "postbacks": [{"id": 1, "offer": 1, "on": ["create"], "url": "http://127.0.0.1:PORT/pb?l={lead}&e={event}"}]}
                """.replace("PORT", Integer.toString(receiver.getAddress().getPort())));
        DataSource db = database();
        JdbcOfferCatalog.importCatalog(db, catalog);
        String url = ((HikariDataSource) db).getJdbcUrl();
        a = new Node(TestDatabases.pool(url, user(), 8), settings -> settings.clock(clock));
        b = new Node(TestDatabases.pool(url, user(), 8), settings -> settings.clock(clock));
    }

    @AfterEach
    void close() {
        receiver.stop(0);
        receiverThreads.shutdownNow();
        a.close();
        b.close();
    }

    private Dispatcher dispatcher(DeliveryQueue queue, String node) {
        return Dispatcher.builder(queue, catalog).clock(clock).node(node).allowPrivateDestinations(true).threads(8).batch(8)
                .timeout(Duration.ofSeconds(2)).lease(Duration.ofSeconds(30)).build();
    }

    @Test
    void twoDispatchersNeverSendOneDeliveryAtTheSameTimeAndSendEachOnce() throws Exception {
        for (int i = 0; i < LEADS; i++) {
            (i % 2 == 0 ? a : b).create("click=d" + i);
        }
        try (Dispatcher onA = dispatcher(a.store(), "a"); Dispatcher onB = dispatcher(b.store(), "b")) {
            ExecutorService nodes = Executors.newFixedThreadPool(2);
            Instant giveUp = Instant.now().plusSeconds(60); // a bound on the loop, not a measurement
            List<Future<Integer>> sent = List.of(
                    nodes.submit(() -> drain(onA, giveUp)), nodes.submit(() -> drain(onB, giveUp)));
            int total = sent.get(0).get() + sent.get(1).get();
            nodes.shutdown();

            assertThat(total).isEqualTo(LEADS);
        }
        assertThat(received).hasSize(LEADS);
        assertThat(received.values()).allSatisfy(n -> assertThat(n.get()).as("sent once").isEqualTo(1));
        assertThat(mostAtOnce.get()).as("the most requests of one delivery in flight at once").isEqualTo(1);
        for (Lead lead : a.store().latestLeads(LEADS)) {
            assertThat(a.store().deliveriesOf(lead.id())).singleElement().satisfies(d -> {
                assertThat(d.state()).isEqualTo(QueuedDelivery.State.DELIVERED);
                assertThat(d.attempts()).isEqualTo(1);
            });
        }
    }

    /** Sends until neither node finds anything due; how many deliveries this one claimed. */
    private static int drain(Dispatcher dispatcher, Instant giveUp) {
        int claimed = 0;
        int idle = 0;
        while (idle < 3 && Instant.now().isBefore(giveUp)) {
            int n = dispatcher.runOnce();
            claimed += n;
            idle = n == 0 ? idle + 1 : 0;
        }
        return claimed;
    }

    @Test
    void aDeliveryANodeSentButDiedBeforeRecordingIsSentAgainByTheOtherAfterItsLease() {
        Lead lead = a.create("click=killed").lead().orElseThrow();
        DeliveryQueue diesBeforeRecording = new DeliveryQueue() {
            public List<QueuedDelivery> claim(String node, Instant now, Duration lease, int max) {
                return a.store().claim(node, now, lease, max);
            }

            public boolean record(long deliveryId, String node, DeliveryAttempt attempt, Next next) {
                return false; // the process is gone: nothing it did after the request reaches the database
            }

            public List<QueuedDelivery> deadLetters(int max) {
                return a.store().deadLetters(max);
            }

            public List<QueuedDelivery> retrying(int max) {
                return a.store().retrying(max);
            }

            public boolean resend(long deliveryId, Instant now) {
                return a.store().resend(deliveryId, now);
            }

            public List<QueuedDelivery> deliveriesOf(long leadId) {
                return a.store().deliveriesOf(leadId);
            }

            public List<DeliveryAttempt> attempts(long deliveryId) {
                return a.store().attempts(deliveryId);
            }
        };
        try (Dispatcher dying = dispatcher(diesBeforeRecording, "dying"); Dispatcher other = dispatcher(b.store(), "other")) {
            assertThat(dying.runOnce()).isEqualTo(1);
            assertThat(other.runOnce()).as("leased by the node that died").isZero();
            clock.advance(Duration.ofSeconds(31));
            assertThat(other.runOnce()).as("its lease has passed").isEqualTo(1);
        }

        QueuedDelivery delivery = b.store().deliveriesOf(lead.id()).get(0);
        assertThat(received.get(delivery.delivery().eventId())).as("at least once: both sent it, with one event id").hasValue(2);
        assertThat(delivery.state()).isEqualTo(QueuedDelivery.State.DELIVERED);
        assertThat(b.store().attempts(delivery.delivery().id())).as("only the living node's attempt is recorded").hasSize(1);
        assertThat(mostAtOnce.get()).isEqualTo(1);
    }
}

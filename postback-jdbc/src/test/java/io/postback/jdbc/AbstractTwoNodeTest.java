package io.postback.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.PostbackResult;
import io.postback.jdbc.testing.Invariants;
import io.postback.jdbc.testing.Node;
import io.postback.jdbc.testing.TestDatabases;
import io.postback.model.Lead;
import io.postback.model.Outcome;
import io.postback.testing.TestCatalog;
import io.postback.testing.contract.StoreFuzzer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Two nodes (two processors, two connection pools) and 16 threads on one database: duplicated
 * CREATEs and racing STATUS changes on a shared set of keys (issue item 4).
 */
abstract class AbstractTwoNodeTest {

    private static final int THREADS = 16;
    private static final int KEYS = 20;
    private static final int STATUS_CHANGES_PER_THREAD = 30;
    private static final List<String> CHANGES = List.of("status=wait", "status=hold", "status=approved", "goal=dep",
            "goal=reg", "pay=12.5", "pay=30", "status=cancelled", "status=approved&goal=rs");

    /** A new database with the schema; its JDBC URL and user are what the nodes connect with. */
    protected abstract DataSource database();

    protected abstract String user();

    @Test
    void twoNodesCreateEachKeyOnceAndLoseNoUpdate() throws Exception {
        DataSource db = database();
        JdbcOfferCatalog.importCatalog(db, TestCatalog.create());
        String url = jdbcUrl(db);
        Map<Integer, List<PostbackResult>> creates = new ConcurrentHashMap<>();
        Map<Long, AtomicInteger> updatesPerLead = new ConcurrentHashMap<>();
        AtomicInteger requests = new AtomicInteger();
        try (Node a = new Node(url, user(), 8); Node b = new Node(url, user(), 8)) {
            StoreFuzzer.run(THREADS, thread -> {
                Node node = thread % 2 == 0 ? a : b;
                Random random = new Random(thread);
                for (String request : requestsOf(random)) {
                    PostbackResult result = request.startsWith("create:")
                            ? node.create(request.substring(7)) : node.status(request);
                    requests.incrementAndGet();
                    if (request.startsWith("create:")) {
                        creates.computeIfAbsent(keyOf(request), k -> Collections.synchronizedList(new ArrayList<>())).add(result);
                    } else if (result.outcome() == Outcome.UPDATED) {
                        updatesPerLead.computeIfAbsent(result.lead().orElseThrow().id(), id -> new AtomicInteger()).incrementAndGet();
                    }
                }
                return null;
            });
            assertExactlyOneLeadPerKey(creates);
            List<Lead> leads = a.store().latestLeads(1000);
            assertThat(leads).hasSize(KEYS);
            for (Lead lead : leads) {
                int updates = updatesPerLead.getOrDefault(lead.id(), new AtomicInteger()).get();
                assertThat(lead.version()).as("version of lead %d counts every update reported", lead.id()).isEqualTo(1 + updates);
            }
            assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_journal")).as("one journal row per request")
                    .isEqualTo(requests.get());
            assertThat(updatesPerLead.values().stream().mapToInt(AtomicInteger::get).sum()).as("some updates won").isPositive();
            Invariants.assertNothingHalfWritten(db, a.store());
        }
    }

    private static void assertExactlyOneLeadPerKey(Map<Integer, List<PostbackResult>> creates) {
        assertThat(creates).hasSize(KEYS);
        creates.forEach((key, results) -> {
            assertThat(results).as("key %d", key).hasSize(THREADS);
            assertThat(results).filteredOn(r -> r.outcome() == Outcome.CREATED).as("key %d", key).hasSize(1);
            assertThat(results).filteredOn(r -> r.outcome() == Outcome.DUPLICATE).as("key %d", key).hasSize(THREADS - 1);
            assertThat(results).extracting(r -> r.lead().orElseThrow().id()).as("key %d", key).containsOnly(
                    results.get(0).lead().orElseThrow().id());
        });
    }

    /** Every key's CREATE once, and random STATUS changes of random keys, shuffled together. */
    private static List<String> requestsOf(Random random) {
        List<String> requests = new ArrayList<>();
        for (int k = 0; k < KEYS; k++) {
            requests.add("create:click=node-click-" + k + "&exto=node-order-" + k);
        }
        for (int i = 0; i < STATUS_CHANGES_PER_THREAD; i++) {
            int k = random.nextInt(KEYS);
            requests.add("click=node-click-" + k + "&exto=node-order-" + k + "&" + CHANGES.get(random.nextInt(CHANGES.size())));
        }
        Collections.shuffle(requests, random);
        return requests;
    }

    private static int keyOf(String create) {
        return Integer.parseInt(create.substring(create.lastIndexOf('-') + 1));
    }

    private static String jdbcUrl(DataSource db) {
        return ((com.zaxxer.hikari.HikariDataSource) db).getJdbcUrl();
    }
}

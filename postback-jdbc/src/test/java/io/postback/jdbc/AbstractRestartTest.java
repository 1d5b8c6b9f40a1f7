package io.postback.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.postback.PostbackResult;
import io.postback.jdbc.testing.DisposableServer;
import io.postback.jdbc.testing.Invariants;
import io.postback.jdbc.testing.Node;
import io.postback.jdbc.testing.TestDatabases;
import io.postback.model.ErrorCode;
import io.postback.model.Lead;
import io.postback.model.Outcome;
import io.postback.model.Status;
import io.postback.testing.TestCatalog;
import io.postback.testing.contract.StoreFuzzer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The database restarted under load: a server of its own is stopped (PostgreSQL the immediate way)
 * and started again on the same data while four threads send CREATEs and approvals. The postbacks it breaks are answered
 * {@code store}; sent again they succeed; nothing is half-written. PostgreSQL and MariaDB.
 */
abstract class AbstractRestartTest {

    private static final int THREADS = 4;
    private static final int MAX_ATTEMPTS = 100;

    private final AtomicInteger storeAnswers = new AtomicInteger();
    private final AtomicInteger completedKeys = new AtomicInteger();
    private final Set<String> keys = ConcurrentHashMap.newKeySet();

    /** A server of this test alone; closed by the test. */
    protected abstract DisposableServer startServer();

    @Test
    void postbacksBrokenByARestartAnswerStoreAndSucceedWhenSentAgain() throws Exception {
        try (DisposableServer server = startServer()) {
            DataSource admin = server.admin();
            io.postback.jdbc.Schema.create(admin);
            JdbcOfferCatalog.importCatalog(admin, TestCatalog.create());
            HikariDataSource pool = TestDatabases.pool(server.jdbcUrl(), server.user(), 8, null, 1_000);
            CountDownLatch restarted = new CountDownLatch(1);
            try (Node node = new Node(pool)) {
                Thread restarter = new Thread(() -> restartUnderLoad(server, restarted), "restarter");
                restarter.start();
                StoreFuzzer.run(THREADS, thread -> {
                    sendUntilRestartIsBehind(node, thread, restarted);
                    return null;
                });
                restarter.join(TimeUnit.SECONDS.toMillis(60));
                assertThat(storeAnswers.get()).as("postbacks answered 'store' while the database was down").isPositive();
                assertThat(node.store().latestLeads(100_000)).hasSize(keys.size())
                        .allSatisfy(lead -> assertThat(lead.status()).isEqualTo(Status.APPROVE));
                Invariants.assertNothingHalfWritten(admin, node.store());
            }
        }
    }

    private void restartUnderLoad(DisposableServer server, CountDownLatch restarted) {
        try {
            while (completedKeys.get() < 20) {
                Thread.sleep(10);
            }
            server.stop();
            server.startAgain();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            restarted.countDown();
        }
    }

    /** Keys one after the other, until ten more keys were done after the restart. */
    private void sendUntilRestartIsBehind(Node node, int thread, CountDownLatch restarted) throws Exception {
        int afterRestart = 0;
        for (int k = 0; afterRestart < 10 && k < 10_000; k++) {
            boolean wasRestarted = restarted.getCount() == 0;
            String ids = "click=t" + thread + "-" + k + "&exto=e" + k;
            keys.add(ids);
            Lead lead = sendUntilItSucceeds(() -> node.create(ids + "&goal=dep"), Outcome.CREATED, Outcome.DUPLICATE);
            Lead approved = sendUntilItSucceeds(() -> node.status(ids + "&status=approved"), Outcome.UPDATED, Outcome.UNCHANGED);
            assertThat(approved.id()).isEqualTo(lead.id());
            completedKeys.incrementAndGet();
            if (wasRestarted) {
                afterRestart++;
            }
        }
        restarted.await(60, TimeUnit.SECONDS);
    }

    private Lead sendUntilItSucceeds(Supplier<PostbackResult> postback, Outcome... success) throws InterruptedException {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            PostbackResult result = postback.get();
            if (result instanceof PostbackResult.Rejected rejected) {
                assertThat(rejected.code()).as(rejected.message()).isEqualTo(ErrorCode.STORE);
                storeAnswers.incrementAndGet();
                Thread.sleep(50);
                continue;
            }
            assertThat(result.outcome()).isIn((Object[]) success);
            return result.lead().orElseThrow();
        }
        throw new AssertionError("the postback never succeeded after the restart");
    }
}

package io.postback.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.postback.PostbackProcessor;
import io.postback.PostbackResult;
import io.postback.jdbc.testing.DisposableServer;
import io.postback.jdbc.testing.Invariants;
import io.postback.jdbc.testing.Node;
import io.postback.jdbc.testing.TestDatabases;
import io.postback.model.ErrorCode;
import io.postback.model.Lead;
import io.postback.model.Outcome;
import io.postback.model.Status;
import io.postback.spi.LeadLookup;
import io.postback.testing.TestCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * docs/RELIABILITY.md, "Deadlines": the database stops under load from two nodes and comes back. While it is
 * down, every postback is answered {@code store} within its deadline plus a second; once it is
 * back, postbacks succeed again within six seconds; no {@code store} answer belongs to a postback
 * that committed, and the journal never holds two entries for one postback.
 */
abstract class AbstractOutageTest {

    /** The processor's default deadline; the pools wait a quarter of it for a connection, as the demo's. */
    private static final Duration DEADLINE = PostbackProcessor.DEFAULT_DEADLINE;
    private static final Duration ANSWER_BOUND = DEADLINE.plusSeconds(1);
    /**
     * While the database is down, HikariCP's connection creator retries with a backoff that doubles
     * from 10 ms to 5 s; the first connection after the restart may wait out that last sleep
     * (docs/RELIABILITY.md, "Deadlines").
     */
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(6);
    private static final int THREADS_PER_NODE = 4;

    /** One postback sent and what came back, with when it was sent and how long the answer took. */
    private record Answer(String key, boolean create, PostbackResult result, long sentNanos, long tookNanos) {
        boolean store() {
            return result instanceof PostbackResult.Rejected r && r.code() == ErrorCode.STORE;
        }

        /** A 'store' that says the postback was not applied (the others say it is not known). */
        boolean notApplied() {
            return store() && ((PostbackResult.Rejected) result).message().equals(PostbackResult.Rejected.STORE_NOT_APPLIED);
        }
    }

    /** A server of this test alone; it is stopped and started again by the test. */
    protected abstract DisposableServer startServer();

    /** The answers of a load through an outage, and when the database went down, was starting again, and was back. */
    private record Outage(List<Answer> answers, long downAt, long upFrom, long backAt) {
    }

    @Test
    void anOutageIsAnsweredStoreInTimeAndNoStoreAnswerBelongsToACommittedPostback() throws Exception {
        DisposableServer server = startServer();
        ExecutorService load = Executors.newFixedThreadPool(2 * THREADS_PER_NODE);
        Schema.create(server.admin());
        JdbcOfferCatalog.importCatalog(server.admin(), TestCatalog.create());
        try (Node a = node(server); Node b = node(server)) {
            Outage outage = underLoad(server, load, a, b);
            List<Answer> all = outage.answers();
            long unknown = all.stream().filter(x -> x.store() && !x.notApplied()).count();
            long lastStoreAfterRestart = all.stream().filter(x -> x.store() && x.sentNanos() > outage.backAt())
                    .mapToLong(x -> x.sentNanos() + x.tookNanos() - outage.backAt()).max().orElse(0);
            System.out.printf("OUTAGE %s answers=%d store=%d of_them_unknown=%d max_answer_ms=%d last_store_after_restart_ms=%d%n",
                    getClass().getSimpleName(), all.size(), all.stream().filter(Answer::store).count(), unknown,
                    all.stream().mapToLong(Answer::tookNanos).max().orElse(0) / 1_000_000, lastStoreAfterRestart / 1_000_000);
            assertThat(all).filteredOn(Answer::store).as("postbacks answered 'store' during the outage").isNotEmpty();
            assertThat(all).filteredOn(x -> x.sentNanos() > outage.downAt() && x.sentNanos() + x.tookNanos() < outage.upFrom()
                            && !x.store())
                    .as("postbacks sent while the database was down that were not answered 'store'")
                    .allSatisfy(x -> assertThat(x.result().outcome()).isNotIn(Outcome.CREATED, Outcome.UPDATED));
            assertThat(all).allSatisfy(x -> assertThat(Duration.ofNanos(x.tookNanos()))
                    .as("answer time of %s", x.result().toJson()).isLessThanOrEqualTo(ANSWER_BOUND));
            long recovered = outage.backAt() + RECOVERY_BOUND.toNanos();
            assertThat(all).filteredOn(x -> x.sentNanos() > recovered).as("postbacks sent 6 s after the database was back")
                    .isNotEmpty().allSatisfy(x -> assertThat(x.result().isRejected()).as(x.result().toJson()).isFalse());
            assertAnswersMatchTheDatabase(all, a, server.admin());
            Invariants.assertNothingHalfWritten(server.admin(), a.store());
        } finally {
            load.shutdownNow();
            server.close();
        }
    }

    /** Senders on both nodes; the database stops for six seconds, starts again, and the senders go on for nine more. */
    private static Outage underLoad(DisposableServer server, ExecutorService load, Node a, Node b) throws Exception {
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Future<?>> senders = new ArrayList<>();
        for (int t = 0; t < 2 * THREADS_PER_NODE; t++) {
            Node node = t % 2 == 0 ? a : b;
            int thread = t;
            senders.add(load.submit(() -> send(node, thread, running, answers)));
        }
        Thread.sleep(1_500);
        server.stop();
        long downAt = System.nanoTime();
        Thread.sleep(6_000);
        long upFrom = System.nanoTime();
        server.startAgain();
        long backAt = System.nanoTime();
        Thread.sleep(9_000);
        running.set(false);
        for (Future<?> sender : senders) {
            sender.get(30, TimeUnit.SECONDS);
        }
        return new Outage(new ArrayList<>(answers), downAt, upFrom, backAt);
    }

    private static Node node(DisposableServer server) {
        HikariDataSource pool = TestDatabases.pool(server.jdbcUrl(), server.user(), THREADS_PER_NODE, null, 750);
        return new Node(pool);
    }

    /** Keys one after the other: a CREATE, and when it created the lead, its approval; nothing is resent. */
    private static Void send(Node node, int thread, AtomicBoolean running, ConcurrentLinkedQueue<Answer> answers)
            throws InterruptedException {
        for (int k = 0; running.get(); k++) {
            String key = "click=outage-" + thread + "-" + k + "&exto=e";
            Answer create = timed(key, true, () -> node.create(key));
            answers.add(create);
            if (create.result().outcome() == Outcome.CREATED) {
                answers.add(timed(key, false, () -> node.status(key + "&status=approved")));
            }
            Thread.sleep(20);
        }
        return null;
    }

    private static Answer timed(String key, boolean create, java.util.function.Supplier<PostbackResult> postback) {
        long sent = System.nanoTime();
        PostbackResult result = postback.get();
        return new Answer(key, create, result, sent, System.nanoTime() - sent);
    }

    /** Every answer is what the database holds: what was answered done is there, what was answered 'store' is not. */
    private static void assertAnswersMatchTheDatabase(List<Answer> all, Node node, DataSource admin) {
        for (Answer x : all) {
            String click = x.key().substring("click=".length(), x.key().indexOf('&'));
            Optional<Lead> lead = node.store().find(new LeadLookup.ByKey(1, "x:" + click + "\u001Fe"));
            if (x.create() && x.result().outcome() == Outcome.CREATED) {
                assertThat(lead).as("lead answered created for %s", click).isPresent();
                assertThat(lead.get().id()).isEqualTo(x.result().lead().orElseThrow().id());
            } else if (x.create() && x.notApplied()) {
                assertThat(lead).as("a create answered 'not applied' that committed: %s", click).isEmpty();
            } else if (!x.create() && x.result().outcome() == Outcome.UPDATED) {
                assertThat(lead.orElseThrow().status()).isEqualTo(Status.APPROVE);
            } else if (!x.create() && x.notApplied()) {
                assertThat(lead.orElseThrow().status())
                        .as(() -> "an approval answered 'not applied' that committed: " + click + "; its journal: "
                                + journalOf(admin, lead.get().id()))
                        .isEqualTo(Status.NEW);
            }
        }
        assertThat(TestDatabases.count(admin, "SELECT COUNT(*) FROM (SELECT lead_id, postback_action FROM pb_journal "
                + "WHERE lead_id IS NOT NULL GROUP BY lead_id, postback_action HAVING COUNT(*) > 1) twice"))
                .as("leads with two journal entries for one action (each key's create and approval are sent once)").isZero();
        assertThat(TestDatabases.count(admin, "SELECT COUNT(*) FROM pb_journal WHERE outcome = 'rejected' AND error_code = 'store'"))
                .as("'store' rejections journaled").isLessThanOrEqualTo(all.stream().filter(Answer::store).count());
    }

    /** The journal rows of a lead, for a failure's message. */
    private static String journalOf(DataSource admin, long leadId) {
        StringBuilder rows = new StringBuilder();
        try (java.sql.Connection c = admin.getConnection(); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT id, postback_action, outcome, error_code, postback_id, received_at "
                     + "FROM pb_journal WHERE lead_id = " + leadId + " ORDER BY id")) {
            while (rs.next()) {
                rows.append('[').append(rs.getLong(1)).append(' ').append(rs.getString(2)).append(' ').append(rs.getString(3))
                        .append(' ').append(rs.getString(4)).append(' ').append(rs.getString(5)).append(' ')
                        .append(rs.getString(6)).append("] ");
            }
        } catch (java.sql.SQLException e) {
            rows.append("unreadable: ").append(e.getSQLState());
        }
        return rows.toString();
    }
}

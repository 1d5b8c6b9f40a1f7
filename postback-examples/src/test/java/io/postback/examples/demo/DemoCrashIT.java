package io.postback.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import io.postback.examples.testing.DemoProcessLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/RELIABILITY.md ("What an answer means"), end to end: the demo jar runs as a process on its default H2 file, eight
 * threads send it postbacks, it is killed with {@code kill -9} in the middle, and it starts again
 * on the same file, is loaded and killed once more, and starts a third time. Every answer it gave
 * before it died must still be true: each acknowledged lead is there with its id (a CREATE sent
 * again is its duplicate), each acknowledged approval is there with its ledger, and no id is
 * handed out a second time.
 */
class DemoCrashIT {

    private static final int THREADS = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Lead id of each acknowledged CREATE, by its query, and the queries whose approval was acknowledged. */
    private final Map<String, Long> created = new ConcurrentHashMap<>();
    private final Map<String, Boolean> approved = new ConcurrentHashMap<>();
    /** Answers 'store' to a CREATE sent again after the restart, each sent once more. */
    private int storeAnswersResent;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * Killed twice: the second run opens a file that already keeps {@code WRITE_DELAY=0}, which H2
     * then never wrote at commit unless the store switched it again (docs/RELIABILITY.md, "What an
     * answer means"); every answer of both runs must hold.
     */
    @Test
    void everyAnswerGivenBeforeAKillNineIsTrueAfterTheRestart(@TempDir Path workDir) throws Exception {
        long highestAcknowledged = 0;
        for (String run : List.of("first", "second")) {
            Process process = start(workDir, run);
            highestAcknowledged = Math.max(highestAcknowledged, loadAndKill(process, workDir, run));
        }

        Process third = start(workDir, "third");
        try {
            int again = DemoProcessLog.awaitPort(workDir.resolve("third.log"), third);
            for (Map.Entry<String, Long> lead : created.entrySet()) {
                JsonNode answer = resentUntilAnswered(again, "/api/site/click.json?token=12-abc&" + lead.getKey());
                assertThat(answer.path("result").asText()).as("%s sent again: %s", lead.getKey(), answer).isEqualTo("duplicate");
                assertThat(answer.path("id").asLong()).as("the id %s was answered with", lead.getKey()).isEqualTo(lead.getValue());
                if (approved.containsKey(lead.getKey())) {
                    assertThat(answer.path("lead_status").asText()).as("acknowledged approval of %s", lead.getKey())
                            .isEqualTo("approve");
                }
            }
            System.out.printf("CRASH store_answers_resent_after_restart=%d%n", storeAnswersResent);
            JsonNode fresh = resentUntilAnswered(again, "/api/site/click.json?token=12-abc&click=after-the-crash&exto=e");
            assertThat(fresh.path("id").asLong()).as("a new lead's id is not one handed out before").isGreaterThan(highestAcknowledged);
        } finally {
            third.destroy(); // SIGTERM: the demo stops cleanly and closes the H2 file
            third.waitFor(30, TimeUnit.SECONDS);
        }
        assertEachLeadHasOneCreatedEntryAndItsLedger(workDir);
    }

    /** Sends postbacks from eight threads, kills the demo with SIGKILL in the middle; the highest lead id acknowledged. */
    private long loadAndKill(Process demo, Path workDir, String run) throws Exception {
        int port = DemoProcessLog.awaitPort(workDir.resolve(run + ".log"), demo);
        int before = created.size();
        int approvalsBefore = approved.size();
        ExecutorService load = Executors.newFixedThreadPool(THREADS);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Future<?>> senders = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            String prefix = run + "-" + t;
            senders.add(load.submit(() -> send(port, prefix, running)));
        }
        awaitAcknowledged(before + 1_500);
        demo.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hook, no close
        running.set(false);
        for (Future<?> sender : senders) {
            sender.get(30, TimeUnit.SECONDS);
        }
        load.shutdownNow();
        long highest = created.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        System.out.printf("CRASH run=%s acknowledged_creates=%d acknowledged_approvals=%d highest_id=%d%n", run,
                created.size() - before, approved.size() - approvalsBefore, highest);
        return highest;
    }

    private Process start(Path workDir, String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path jar = Path.of(System.getProperty("demo.jar", "target/postback-demo.jar")).toAbsolutePath();
        return new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString(), "--port", "0")
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve(name + ".log").toFile())
                .start();
    }

    private void awaitAcknowledged(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (created.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(created.size()).as("acknowledged before the kill").isGreaterThanOrEqualTo(count);
    }

    /** Keys one after the other: a CREATE, then its approval; an answer that never came is not acknowledged. */
    private Void send(int port, String prefix, AtomicBoolean running) {
        for (int k = 0; running.get(); k++) {
            String key = "click=crash-" + prefix + "-" + k + "&exto=e";
            try {
                JsonNode answer = get(port, "/api/site/click.json?token=12-abc&" + key);
                if (!answer.path("result").asText().equals("created")) {
                    continue;
                }
                created.put(key, answer.path("id").asLong());
                JsonNode approval = get(port, "/api/site/status.json?token=12-abc&status=approved&" + key);
                if (approval.path("result").asText().equals("updated")) {
                    approved.put(key, Boolean.TRUE);
                }
            } catch (IOException e) {
                return null; // the server died under this request: its answer never came
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /**
     * A CREATE sent again as its sender would: again while the answer is {@code store} ("not applied,
     * send it again"), which a demo just restarted on a busy machine may give when a postback's
     * deadline passes. Such an answer wrote nothing, so it contradicts no earlier one.
     */
    private JsonNode resentUntilAnswered(int port, String pathAndQuery) throws IOException, InterruptedException {
        JsonNode answer = get(port, pathAndQuery);
        for (int attempt = 1; attempt < 10 && "store".equals(answer.path("error").asText()); attempt++) {
            storeAnswersResent++;
            Thread.sleep(200);
            answer = get(port, pathAndQuery);
        }
        return answer;
    }

    private JsonNode get(int port, String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    /** After the clean stop: one 'created' journal row per lead, and each approved lead's ledger holds its money. */
    private static void assertEachLeadHasOneCreatedEntryAndItsLedger(Path workDir) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + workDir.resolve("data/postback"), "", "");
             Statement s = db.createStatement()) {
            assertThat(count(s, "SELECT COUNT(*) FROM pb_lead l WHERE (SELECT COUNT(*) FROM pb_journal j "
                    + "WHERE j.lead_id = l.id AND j.outcome = 'created') <> 1")).as("leads without exactly one 'created' row").isZero();
            assertThat(count(s, "SELECT COUNT(*) FROM pb_lead l WHERE l.status = 'approve' AND (SELECT COALESCE(SUM(amount), 0) "
                    + "FROM pb_ledger b WHERE b.lead_id = l.id AND b.party = 'ADVERTISER') <> l.payout"))
                    .as("approved leads whose ledger does not hold their payout").isZero();
            assertThat(count(s, "SELECT COUNT(*) FROM pb_journal GROUP BY postback_id HAVING COUNT(*) > 1 LIMIT 1"))
                    .as("postbacks journaled twice").isZero();
        }
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}

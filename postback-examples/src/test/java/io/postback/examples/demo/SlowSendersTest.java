package io.postback.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.examples.testing.DemoServers;
import io.postback.examples.testing.RawHttp;
import io.postback.model.ErrorCode;
import io.postback.model.JournalEntry;
import io.postback.model.Outcome;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each defence against slow senders on its own, against a demo with short limits so that the test
 * does not wait long: 4 connections per address, headers within 1 s, a body within 2 s (and at the
 * default 1 KiB/s). Every socket read gives up after {@value #READ_TIMEOUT_MILLIS} ms, which is how
 * these fail without the defence: the server would wait for the sender. Elapsed times are printed,
 * not asserted.
 */
class SlowSendersTest {

    private static final int READ_TIMEOUT_MILLIS = 8_000;
    private static final ClientLimits LIMITS = ClientLimits.defaults().withConnectionsPerAddress(4)
            .withHeaderDeadline(Duration.ofSeconds(1)).withBodyDeadline(Duration.ofSeconds(2));
    private static final String NOT_READ = "body is over the 8 KiB limit of parameters: not read";
    private static final String POST_HEAD = "POST /api/site/click.json?token=12-abc&click=%s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n%s\r\n";

    private static DemoServer server;

    @BeforeAll
    static void start() throws Exception {
        server = DemoServer.start(DemoOptions.defaults().withPort(0).withJdbcUrl(DemoServers.privateH2()).withLimits(LIMITS));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void a_body_declared_over_the_limit_is_answered_at_once_journaled_and_the_connection_closed() throws Exception {
        try (RawHttp raw = connect("127.0.0.1"); AutoCloseable slowBody = raw.write(post("big", 5_000_000, "")).trickle("x", 100)) {
            long start = System.nanoTime();
            RawHttp.Answer answer = raw.readAnswer();
            long answered = System.nanoTime();
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(answer.body()).isEqualTo("{\"status\":\"error\",\"error\":\"param\",\"message\":\"" + NOT_READ + "\"}");
            assertThat(raw.closedByServer()).as("closed while the body still trickles in").isTrue();
            printTimes("declared 5000000 bytes", start, answered);
        }
        JournalEntry journaled = DemoServers.lastJournalEntry(server.history());
        assertThat(journaled.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(journaled.error()).isEqualTo(Optional.of(ErrorCode.PARAM));
        assertThat(journaled.message()).isEqualTo(NOT_READ);
    }

    @Test
    void a_sender_waiting_for_100_continue_gets_the_answer_instead_and_is_not_waited_for() throws Exception {
        try (RawHttp raw = connect("127.0.0.1")) {
            RawHttp.Answer answer = raw.write(post("expecting", 5_000_000, "Expect: 100-continue\r\n")).readAnswer();
            assertThat(answer.status()).as("the final answer, no go-ahead").isEqualTo(200);
            assertThat(answer.body()).contains(NOT_READ);
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void a_body_trickling_in_below_the_minimum_rate_is_cut_with_408_and_never_reaches_the_engine() throws Exception {
        long lastJournalId = journalSomething("before-trickle");
        try (RawHttp raw = connect("127.0.0.1"); AutoCloseable slowBody = raw.write(post("trickle", 100, "")).trickle("x", 300)) {
            long start = System.nanoTime();
            RawHttp.Answer answer = raw.readAnswer();
            assertThat(answer.status()).isEqualTo(408);
            assertThat(answer.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(raw.closedByServer()).isTrue();
            printTimes("100-byte body at 3 bytes/s", start, System.nanoTime());
        }
        assertThat(DemoServers.lastJournalEntry(server.history()).id()).isEqualTo(lastJournalId);
    }

    @Test
    void a_body_that_stops_arriving_is_cut_with_408_at_the_body_deadline() throws Exception {
        try (RawHttp raw = connect("127.0.0.1")) {
            long start = System.nanoTime();
            RawHttp.Answer answer = raw.write(post("stalled", 100, "") + "click2=x").readAnswer();
            assertThat(answer.status()).isEqualTo(408);
            assertThat(raw.closedByServer()).isTrue();
            printTimes("8 of 100 bytes, then nothing", start, System.nanoTime());
        }
    }

    @Test
    void headers_trickling_in_are_cut_at_the_header_deadline() throws Exception {
        try (RawHttp raw = connect("127.0.0.1");
                AutoCloseable slowHeaders = raw.write("GET /api/site/click.json?token=12-abc&click=loris HTTP/1.1\r\nHost: x\r\n")
                        .trickle("X-Slow: abcdefghij\r\n", 200)) {
            long start = System.nanoTime();
            assertThat(raw.closedByServer()).as("closed while headers still trickle in").isTrue();
            printTimes("headers at 5 bytes/s", start, System.nanoTime());
        }
    }

    @Test
    void a_kept_alive_connection_idle_between_requests_is_not_cut_by_the_header_deadline() throws Exception {
        try (RawHttp raw = connect("127.0.0.1")) {
            assertThat(raw.write(get("idle-1")).readAnswer().body()).contains("\"result\":\"created\"");
            Thread.sleep(LIMITS.headerDeadline().multipliedBy(2).toMillis() + 500);
            assertThat(raw.write(get("idle-2")).readAnswer().body()).contains("\"result\":\"created\"");
        }
    }

    @Test
    void connections_over_the_limit_from_one_address_are_closed_at_once_and_other_addresses_are_still_served() throws Exception {
        List<RawHttp> held = new ArrayList<>();
        try {
            for (int i = 0; i < LIMITS.connectionsPerAddress(); i++) {
                RawHttp raw = connect("127.0.0.2");
                held.add(raw);
                // Answered, so the server has counted it before the next one comes.
                assertThat(raw.write(get("held-" + i)).readAnswer().status()).isEqualTo(200);
            }
            try (RawHttp oneTooMany = connect("127.0.0.2")) {
                assertThat(oneTooMany.closedByServer()).as("a fifth connection from 127.0.0.2").isTrue();
            }
            try (RawHttp other = connect("127.0.0.1")) {
                assertThat(other.write(get("other-address")).readAnswer().body()).contains("\"result\":\"created\"");
            }
            held.remove(0).close();
            assertThat(answeredFrom127002WithinAttempts(50)).as("a place freed by a closed connection is taken again").isTrue();
        } finally {
            for (RawHttp raw : held) {
                raw.close();
            }
        }
    }

    /** The server counts a close when it sees it: tries a new connection until one is answered. */
    private static boolean answeredFrom127002WithinAttempts(int attempts) throws Exception {
        for (int i = 0; i < attempts; i++) {
            try (RawHttp raw = connect("127.0.0.2")) {
                RawHttp.Answer answer = raw.write(get("freed-" + i)).readAnswer();
                if (answer.status() == 200) {
                    return true;
                }
            } catch (IOException e) {
                Thread.sleep(100); // closed at once: not counted yet
            }
        }
        return false;
    }

    private static long journalSomething(String click) throws IOException {
        try (RawHttp raw = connect("127.0.0.1")) {
            assertThat(raw.write(get(click)).readAnswer().body()).contains("\"result\":\"created\"");
        }
        return DemoServers.lastJournalEntry(server.history()).id();
    }

    private static RawHttp connect(String from) throws IOException {
        return RawHttp.connect(from, server.port(), READ_TIMEOUT_MILLIS);
    }

    private static String post(String click, long contentLength, String extraHeaders) {
        return String.format(POST_HEAD, click, contentLength, extraHeaders);
    }

    private static String get(String click) {
        return "GET /api/site/click.json?token=12-abc&click=" + click + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    }

    private static void printTimes(String what, long startNanos, long endNanos) {
        System.out.printf("slow senders: %s: cut or answered after %d ms%n", what, (endNanos - startNanos) / 1_000_000);
    }
}

package io.postback.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.examples.testing.DemoServers;
import io.postback.examples.testing.RawHttp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The attack of the issue, bounded: from 127.0.0.2, 500 connections sending a body one byte a
 * second (250 declared at 5,000,000 bytes, 250 at 1,000) and 300 sending their headers one byte a
 * second, each opened again when cut; meanwhile postbacks from 127.0.0.1, each on a new connection,
 * are answered as fast as ever. On Linux all of 127.0.0.0/8 is loopback, so the two addresses are
 * two clients to the server's per-address limit.
 *
 * <p>The target: the 99th percentile of the probes' time, connect to last byte, within 100 ms,
 * and every probe a proper answer. Before the defences, the slow bodies held every worker thread
 * and the probes got no answer at all.
 */
class SlowSenderAttackTest {

    private static final int LARGE_BODIES = 250;
    private static final int SMALL_BODIES = 250;
    private static final int SLOW_HEADERS = 300;
    private static final int PROBES = 200;
    private static final long PROBE_EVERY_MILLIS = 55;
    /** Lets every attacking connection be opened, and cut at least once where the server cuts at once, first. */
    private static final long RAMP_UP_MILLIS = 2_000;
    private static final int WARM_UP_PROBES = 60;
    private static final int PROBE_READ_TIMEOUT_MILLIS = 2_000;
    private static final long P99_TARGET_MILLIS = 100;
    /** The probes' schedule and then some: a server that does not answer must not hold the test for long. */
    private static final long PROBE_WINDOW_MILLIS = PROBES * PROBE_EVERY_MILLIS + 3_000;

    @Test
    void postbacks_from_another_address_are_answered_within_100_ms_at_p99_under_a_slow_sender_attack() throws Exception {
        long testStart = System.nanoTime();
        try (DemoServer server = DemoServers.start()) {
            int port = server.port();
            for (int i = 0; i < WARM_UP_PROBES; i++) {
                probe(port, "warm-" + i, i % 2 == 0);
            }
            List<Probe> probes = new ArrayList<>();
            SlowSenderAttack.Figures figures;
            long attackStart = System.nanoTime();
            try (SlowSenderAttack attack = SlowSenderAttack.start("127.0.0.2", port, LARGE_BODIES, SMALL_BODIES, SLOW_HEADERS)) {
                Thread.sleep(RAMP_UP_MILLIS);
                long next = System.nanoTime();
                long windowEnd = next + TimeUnit.MILLISECONDS.toNanos(PROBE_WINDOW_MILLIS);
                for (int i = 0; i < PROBES && System.nanoTime() < windowEnd; i++) {
                    probes.add(probe(port, "probe-" + i, i % 2 == 0));
                    next += TimeUnit.MILLISECONDS.toNanos(PROBE_EVERY_MILLIS);
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                figures = attack.figures();
            }
            double attackSeconds = (System.nanoTime() - attackStart) / 1e9;
            List<Long> millis = probes.stream().map(Probe::micros).sorted().map(us -> us / 1_000).toList();
            long p50 = percentile(millis, 50);
            long p99 = percentile(millis, 99);
            long max = millis.get(millis.size() - 1);
            System.out.printf("slow sender attack from 127.0.0.2 for %.1f s: %d large-body, %d small-body and %d slow-header "
                            + "connections; %d connections established, %d cut by the server, %d bytes sent%n",
                    attackSeconds, LARGE_BODIES, SMALL_BODIES, SLOW_HEADERS, figures.established(), figures.cut(), figures.bytesSent());
            System.out.printf("probes from 127.0.0.1 meanwhile: %d, each on a new connection: p50 %d ms, p99 %d ms, max %d ms "
                    + "(test ran %.1f s)%n", probes.size(), p50, p99, max, (System.nanoTime() - testStart) / 1e9);

            assertThat(figures.established()).as("the attack got its connections").isGreaterThanOrEqualTo(
                    LARGE_BODIES + SMALL_BODIES + SLOW_HEADERS);
            assertThat(figures.cut()).as("the server cut attacking connections").isPositive();
            assertThat(probes).as("probes sent within the attack's window").hasSize(PROBES);
            assertThat(probes).as("every probe got its JSON answer").allSatisfy(probe -> assertThat(probe.answer())
                    .startsWith("200 {\"status\":\"ok\",").contains("\"result\":\"created\""));
            assertThat(p99).as("p99 of the probes, in ms").isLessThanOrEqualTo(P99_TARGET_MILLIS);
        }
    }

    /** One postback on a new connection from 127.0.0.1: its time from connect to the last byte, and its answer. */
    private record Probe(long micros, String answer) {
    }

    private static Probe probe(int port, String click, boolean post) {
        long start = System.nanoTime();
        String answer;
        try (RawHttp raw = RawHttp.connect("127.0.0.1", port, PROBE_READ_TIMEOUT_MILLIS)) {
            String form = "token=12-abc&click=" + click;
            raw.write(post
                    ? "POST /api/site/click.json HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length() + "\r\n\r\n" + form
                    : "GET /api/site/click.json?" + form + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            RawHttp.Answer read = raw.readAnswer();
            answer = read.status() + " " + read.body();
        } catch (IOException e) {
            answer = "no answer: " + e;
        }
        return new Probe((System.nanoTime() - start) / 1_000, answer);
    }

    /** The nearest-rank percentile of sorted values. */
    private static long percentile(List<Long> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}

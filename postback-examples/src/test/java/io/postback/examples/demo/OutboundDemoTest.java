package io.postback.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.examples.outbound.OutboundCommand;
import io.postback.examples.testing.DemoServers;
import io.postback.examples.testing.HttpTestClient;
import io.postback.spi.DeliveryQueue;
import io.postback.spi.QueuedDelivery;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outbound postbacks through the demo (docs/outbound.md, "The demo"): a lead created over HTTP is
 * passed on by the demo's dispatcher to the demo's own webmaster tracker, with the sample
 * catalog's macros, hostile field values percent-encoded so that none splits the request (rules
 * §15), and a valid signature; without {@code --outbound-allow-private} the loopback destination
 * is refused and the dead letter is listed and sent again by the outbound command.
 */
class OutboundDemoTest {

    /** A lead field no tracker should see as more than one value: '&', '=', '#', '?', '/', '+', '%', '<', non-ASCII. */
    static final String HOSTILE = "a&b=c#d é/?+%<i>x";
    /** The sample catalog's template, in its order. */
    static final List<String> PARAMS = List.of("cid", "exto", "lead", "status", "goal", "p", "cur", "sub1", "t", "e");

    /** Waits for something the dispatcher does in the background; the bound only ends a test that would fail anyway. */
    private static void await(BooleanSupplier done, String what) throws InterruptedException {
        for (int i = 0; i < 600 && !done.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertThat(done.getAsBoolean()).as(what).isTrue();
    }

    /** The sample catalog, its postback aimed at this port instead of 8080. */
    private static Path sampleCatalogOn(int port, Path dir) throws IOException {
        try (InputStream in = DemoServer.class.getResourceAsStream("sample-catalog.json")) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(json).contains("\"http://localhost:8080/webmaster/postback?");
            return Files.writeString(dir.resolve("catalog.json"), json.replace("localhost:8080", "localhost:" + port));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static List<String> names(String query) {
        return Pattern.compile("&").splitAsStream(query).map(pair -> pair.substring(0, pair.indexOf('='))).toList();
    }

    private static String param(String query, String name) {
        Matcher m = Pattern.compile("(?:^|&)" + name + "=([^&]*)").matcher(query);
        assertThat(m.find()).as("%s in %s", name, query).isTrue();
        return URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }

    private static long leadId(String answer) {
        Matcher m = Pattern.compile("\"id\":(\\d+)").matcher(answer);
        assertThat(m.find()).as(answer).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void a_created_and_approved_lead_arrives_at_the_webmasters_tracker_with_its_values_encoded_and_signed(@TempDir Path dir)
            throws Exception {
        int port = freePort();
        DemoOptions options = DemoOptions.parse("--port", Integer.toString(port), "--jdbc-url", DemoServers.privateH2(),
                "--catalog", sampleCatalogOn(port, dir).toString(), "--outbound-allow-private");
        try (DemoServer server = DemoServer.start(options)) {
            HttpTestClient http = new HttpTestClient(server.port());
            DeliveryQueue deliveries = server.deliveries().orElseThrow();
            String sub1 = URLEncoder.encode(HOSTILE, StandardCharsets.UTF_8);

            String created = http.get("/api/site/click.json?token=12-abc&click=ob-1&flow=1234&sub1=" + sub1).body();
            assertThat(created).contains("\"result\":\"created\"");
            long lead = leadId(created);
            await(() -> server.receivedByTracker().size() == 1, "the create's postback arrives");
            await(() -> deliveries.deliveriesOf(lead).get(0).state() == QueuedDelivery.State.DELIVERED, "it is recorded delivered");

            String query = server.receivedByTracker().get(0);
            QueuedDelivery delivery = deliveries.deliveriesOf(lead).get(0);
            assertThat(names(query)).as("one parameter per macro, none split off a value").isEqualTo(PARAMS);
            assertThat(param(query, "sub1")).isEqualTo(HOSTILE);
            assertThat(query).contains("&sub1=a%26b%3Dc%23d%20%C3%A9%2F%3F%2B%25%3Ci%3Ex&");
            assertThat(param(query, "cid")).isEqualTo("ob-1");
            assertThat(param(query, "exto")).isEmpty();
            assertThat(param(query, "lead")).isEqualTo(Long.toString(lead));
            assertThat(param(query, "status")).isEqualTo("new");
            assertThat(param(query, "goal")).isEqualTo("reg");
            assertThat(param(query, "p")).isEqualTo("4.00");
            assertThat(param(query, "cur")).isEqualTo("EUR");
            assertThat(param(query, "t")).matches("\\d{10}");
            assertThat(param(query, "e")).isEqualTo(delivery.delivery().eventId());
            assertThat(server.tracker().latest().get(0).signature()).isEqualTo(WebmasterTracker.Signature.VALID);
            assertThat(deliveries.attempts(delivery.delivery().id())).singleElement()
                    .satisfies(a -> assertThat(a.httpStatus()).hasValue(200));

            assertThat(http.get("/api/site/status.json?token=12-abc&click=ob-1&status=approved").body())
                    .contains("\"lead_status\":\"approve\"");
            await(() -> server.receivedByTracker().size() == 2, "the approval's postback arrives");
            String approval = server.receivedByTracker().get(0);
            assertThat(param(approval, "status")).isEqualTo("approve");
            assertThat(param(approval, "sub1")).isEqualTo(HOSTILE);
            assertThat(param(approval, "e")).as("an event id of its own").isNotEqualTo(delivery.delivery().eventId());

            String page = http.get("/").body();
            assertThat(page).contains("sub1=a&amp;b=c#d é/?+%&lt;i&gt;x", "<td>valid</td>",
                    "Outbound postbacks are sent, to loopback and private addresses too");
            assertThat(page).doesNotContain("<i>", "demo-webmaster-secret");
        }
    }

    @Test
    void without_the_flag_the_loopback_tracker_is_refused_and_the_command_lists_and_resends_the_dead_letter() throws Exception {
        String url = "jdbc:h2:mem:outbound-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (DemoServer server = DemoServer.start(DemoOptions.defaults().withPort(0).withJdbcUrl(url))) {
            HttpTestClient http = new HttpTestClient(server.port());
            DeliveryQueue deliveries = server.deliveries().orElseThrow();
            long lead = leadId(http.get("/api/site/click.json?token=12-abc&flow=1234&exto=ob-2").body());
            await(() -> !deliveries.deadLetters(10).isEmpty(), "the refused delivery becomes a dead letter");
            QueuedDelivery dead = deliveries.deadLetters(10).get(0);

            assertThat(server.receivedByTracker()).isEmpty();
            assertThat(dead.delivery().leadId()).isEqualTo(lead);
            assertThat(dead.lastError()).hasValue("refused: localhost is at 127.0.0.1, a loopback address");
            assertThat(http.get("/").body()).contains("Outbound dead letters", "start the demo with --outbound-allow-private"
                    .replace("start", "Start"), "refused: localhost is at 127.0.0.1, a loopback address");

            String listed = run("dead-letters", "--jdbc-url", url);
            assertThat(listed).isEqualTo("delivery=" + dead.delivery().id() + " lead=" + lead + " postback=1 on=create event="
                    + dead.delivery().eventId() + " attempts=1 last_error=refused: localhost is at 127.0.0.1, a loopback address\n"
                    + "1 dead letter(s)\n");
            assertThat(listed).doesNotContain("demo-webmaster-secret");

            assertThat(run("resend", "--all", "--jdbc-url", url)).isEqualTo("1 dead letter(s) made pending again\n");
            await(() -> deliveries.attempts(dead.delivery().id()).size() == 2, "the running demo sends it again");
            await(() -> !deliveries.deadLetters(10).isEmpty(), "and refuses it again");
            assertThat(run("resend", Long.toString(dead.delivery().id()), "--jdbc-url", url))
                    .isEqualTo("delivery=" + dead.delivery().id() + " pending again\n1 of 1 made pending again\n");
        }
    }

    /** Runs the outbound command in-process on the demo's database; its output, after checking it exited 0. */
    private static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = OutboundCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }
}

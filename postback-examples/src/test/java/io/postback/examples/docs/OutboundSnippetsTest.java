package io.postback.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.postback.PostbackProcessor;
import io.postback.PostbackRequest;
import io.postback.examples.outbound.PostbackSignatureVerifier;
import io.postback.jdbc.JdbcLeadStore;
import io.postback.jdbc.Schema;
import io.postback.memory.InMemoryLeadStore;
import io.postback.memory.InMemoryOfferCatalog;
import io.postback.model.Action;
import io.postback.outbound.DeliverySignature;
import io.postback.outbound.Dispatcher;
import io.postback.spi.QueuedDelivery;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The code of docs/outbound.md at work: the dispatcher as the page wires it, over the H2 store,
 * refusing a loopback destination and its dead letter sent again; and the receiver-side verifier
 * accepting real signed deliveries (a GET's raw query, a POST's form body) and refusing a wrong
 * secret, an altered payload, a decoded query, an old signature and none.
 */
class OutboundSnippetsTest {

    /** What the receiver got: the method, the payload as received, and the signature header (null without one). */
    record Received(String method, String payload, String signature) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer receiver;
    private Dispatcher dispatcher;

    @AfterEach
    void stop() {
        if (dispatcher != null) {
            dispatcher.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private String startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            String payload;
            try (InputStream body = exchange.getRequestBody()) {
                payload = exchange.getRequestMethod().equals("POST") ? new String(body.readAllBytes(), StandardCharsets.UTF_8)
                        : exchange.getRequestURI().getRawQuery();
            }
            received.add(new Received(exchange.getRequestMethod(), payload,
                    exchange.getRequestHeaders().getFirst(DeliverySignature.HEADER)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        return "http://127.0.0.1:" + receiver.getAddress().getPort();
    }

    private static InMemoryOfferCatalog catalog(String base) throws IOException {
        String json = """
                {"offers": [{"id": 1, "name": "Casino", "currency": "EUR", "default_goal": "reg", "fields": ["sub1"],
                             "goals": [{"id": "reg", "payout": "10", "commission": {"fixed": "4"}}]}],
                 "sites": [{"id": 12, "offer": 1, "key": "abc"}],
                 "postbacks": [
                   {"id": 1, "offer": 1, "on": ["create"], "method": "GET", "signing_secret": "wm-secret",
                    "url": "BASE/pb?cid={click}&sub={field.sub1}&s={status}&e={event}"},
                   {"id": 2, "offer": 1, "on": ["approve"], "method": "POST", "signing_secret": "wm-secret",
                    "url": "BASE/post?cid={click}&sub={field.sub1}&p={commission}&e={event}"}]}
                """.replace("BASE", base);
        return InMemoryOfferCatalog.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static void await(BooleanSupplier done, String what) throws InterruptedException {
        for (int i = 0; i < 600 && !done.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertThat(done.getAsBoolean()).as(what).isTrue();
    }

    @Test
    void the_dispatcher_of_the_page_refuses_a_loopback_destination_and_the_dead_letter_is_sent_again() throws Exception {
        InMemoryOfferCatalog catalog = catalog(startReceiver());
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:outbound-docs-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Schema.create(h2);
        JdbcLeadStore store = JdbcLeadStore.builder(h2).build();
        PostbackProcessor processor = PostbackProcessor.builder(store, catalog).build();
        processor.handle(PostbackRequest.fromQuery(Action.CREATE, "token=12-abc&click=c1"));

        dispatcher = OutboundSnippets.startDispatcher(store, catalog);
        await(() -> !store.deadLetters(10).isEmpty(), "the loopback destination is refused: a dead letter");
        QueuedDelivery dead = store.deadLetters(10).get(0);
        assertThat(dead.lastError()).hasValue("refused: 127.0.0.1 is 127.0.0.1, a loopback address");
        assertThat(received).isEmpty();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(OutboundSnippets.resendDeadLetters(store, Clock.systemUTC(), new PrintStream(out, true, StandardCharsets.UTF_8)))
                .isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(dead.delivery().id() + " lead " + dead.delivery().leadId()
                + ": refused: 127.0.0.1 is 127.0.0.1, a loopback address\n");
        await(() -> store.attempts(dead.delivery().id()).size() == 2, "the running dispatcher tries it again");
        assertThat(received).isEmpty();
    }

    @Test
    void real_signed_deliveries_verify_with_the_receiver_snippet_and_altered_ones_do_not() throws Exception {
        InMemoryOfferCatalog catalog = catalog(startReceiver());
        InMemoryLeadStore store = new InMemoryLeadStore(16);
        PostbackProcessor processor = PostbackProcessor.builder(store, catalog).build();
        dispatcher = Dispatcher.builder(store, catalog).allowPrivateDestinations(true).build();
        processor.handle(PostbackRequest.fromQuery(Action.CREATE, "token=12-abc&click=c1&sub1=a%26b%3Dc%20%C3%A9"));
        processor.handle(PostbackRequest.fromQuery(Action.STATUS, "token=12-abc&click=c1&status=approved"));

        assertThat(dispatcher.runOnce()).isEqualTo(2);

        assertThat(received).extracting(Received::method).containsExactlyInAnyOrder("GET", "POST");
        Instant now = Instant.now();
        PostbackSignatureVerifier verifier = new PostbackSignatureVerifier("wm-secret", Duration.ofMinutes(5));
        for (Received r : received) {
            assertThat(r.payload()).contains("sub=a%26b%3Dc%20%C3%A9");
            assertThat(verifier.verify(r.signature(), r.payload(), now)).as("%s %s", r.method(), r.payload()).isTrue();
            assertThat(new PostbackSignatureVerifier("other", Duration.ofMinutes(5)).verify(r.signature(), r.payload(), now))
                    .as("another secret").isFalse();
            assertThat(verifier.verify(r.signature(), r.payload().replace("cid=c1", "cid=c2"), now)).as("altered").isFalse();
            assertThat(verifier.verify(r.signature(), java.net.URLDecoder.decode(r.payload(), StandardCharsets.UTF_8), now))
                    .as("decoded before checking").isFalse();
            assertThat(verifier.verify(r.signature(), r.payload(), now.plus(Duration.ofMinutes(10)))).as("too old").isFalse();
            assertThat(verifier.verify(null, r.payload(), now)).as("no header").isFalse();
            assertThat(verifier.verify("t=1,v1=zz", r.payload(), now)).as("malformed").isFalse();
        }
    }
}

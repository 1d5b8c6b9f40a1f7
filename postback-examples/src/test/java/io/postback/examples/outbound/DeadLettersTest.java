package io.postback.examples.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.PostbackProcessor;
import io.postback.PostbackRequest;
import io.postback.memory.InMemoryLeadStore;
import io.postback.memory.InMemoryOfferCatalog;
import io.postback.model.Action;
import io.postback.outbound.Dispatcher;
import io.postback.spi.DeliveryQueue;
import io.postback.spi.QueuedDelivery;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbound command's work over a {@link DeliveryQueue} (docs/outbound.md, "Dead letters"), on
 * the in-memory store: dead letters made by a dispatcher that refuses a loopback destination
 * (rules §15) are listed without the postback's secret, and made pending again once.
 */
class DeadLettersTest {

    static final String SECRET = "wm-secret-never-printed";

    static String catalog() {
        return """
                {"offers": [{"id": 1, "name": "Casino", "currency": "EUR", "default_goal": "reg", "fields": ["sub1"],
                             "goals": [{"id": "reg", "payout": "10", "commission": {"fixed": "4"}}]}],
                 "sites": [{"id": 12, "offer": 1, "key": "abc"}],
                 "postbacks": [{"id": 3, "offer": 1, "on": ["create", "approve"], "method": "GET",
                                "url": "http://127.0.0.1:9/pb?cid={click}&sub={field.sub1}&e={event}",
                                "signing_secret": "SECRET"}]}
                """.replace("SECRET", SECRET);
    }

    private InMemoryLeadStore store;
    private PostbackProcessor processor;
    private Dispatcher refusing;

    @BeforeEach
    void setUp() throws IOException {
        InMemoryOfferCatalog catalog = InMemoryOfferCatalog.fromJson(new ByteArrayInputStream(catalog().getBytes(StandardCharsets.UTF_8)));
        store = new InMemoryLeadStore(64);
        processor = PostbackProcessor.builder(store, catalog).build();
        refusing = Dispatcher.builder(store, catalog).node("test").build();
    }

    @AfterEach
    void tearDown() {
        refusing.close();
    }

    /** Creates a lead whose delivery the dispatcher refuses at once: a dead letter. */
    private QueuedDelivery deadLetter(String click) {
        processor.handle(PostbackRequest.fromQuery(Action.CREATE, "token=12-abc&click=" + click + "&sub1=" + click));
        assertThat(refusing.runOnce()).isEqualTo(1);
        return store.deadLetters(1).get(0);
    }

    private static String printed(java.util.function.Consumer<PrintStream> action) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            action.accept(out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void dead_letters_are_listed_newest_first_with_their_lead_postback_event_attempts_and_error_but_no_secret() {
        QueuedDelivery first = deadLetter("c1");
        QueuedDelivery second = deadLetter("c2");
        DeadLetters deadLetters = new DeadLetters(store, Clock.systemUTC());

        String out = printed(o -> assertThat(deadLetters.list(10, o)).isEqualTo(2));

        assertThat(out.lines().toList()).containsExactly(
                "delivery=" + second.delivery().id() + " lead=" + second.delivery().leadId() + " postback=3 on=create event="
                        + second.delivery().eventId() + " attempts=1 last_error=refused: 127.0.0.1 is 127.0.0.1, a loopback address",
                "delivery=" + first.delivery().id() + " lead=" + first.delivery().leadId() + " postback=3 on=create event="
                        + first.delivery().eventId() + " attempts=1 last_error=refused: 127.0.0.1 is 127.0.0.1, a loopback address",
                "2 dead letter(s)");
        assertThat(out).doesNotContain(SECRET);
        assertThat(printed(o -> deadLetters.list(1, o))).endsWith("1 dead letter(s); there may be more (--limit)\n");
    }

    @Test
    void no_dead_letters_says_so() {
        assertThat(printed(o -> assertThat(new DeadLetters(store, Clock.systemUTC()).list(10, o)).isZero()))
                .isEqualTo("no dead letters\n");
    }

    @Test
    void resend_makes_a_dead_letter_pending_again_once_and_says_which_ids_were_not_dead_letters() {
        QueuedDelivery dead = deadLetter("c1");
        long id = dead.delivery().id();
        DeadLetters deadLetters = new DeadLetters(store, Clock.systemUTC());

        String out = printed(o -> assertThat(deadLetters.resend(List.of(id, 999L), o)).isFalse());

        assertThat(out.lines().toList()).containsExactly("delivery=" + id + " pending again",
                "delivery=999 is not a dead letter; left as it is", "1 of 2 made pending again");
        assertThat(store.deadLetters(10)).isEmpty();
        assertThat(store.deliveriesOf(dead.delivery().leadId())).singleElement()
                .satisfies(d -> assertThat(d.state()).isEqualTo(QueuedDelivery.State.PENDING));
        assertThat(printed(o -> assertThat(deadLetters.resend(List.of(id), o)).isFalse()))
                .contains("delivery=" + id + " is not a dead letter");
        assertThat(refusing.runOnce()).as("the pending delivery is claimed again").isEqualTo(1);
        assertThat(store.attempts(id)).hasSize(2);
    }

    @Test
    void resend_all_makes_every_dead_letter_pending_once_even_past_a_page() {
        int many = DeadLetters.PAGE + 3;
        for (int i = 0; i < many; i++) {
            processor.handle(PostbackRequest.fromQuery(Action.CREATE, "token=12-abc&click=m" + i));
        }
        while (refusing.runOnce() > 0) {
            // each claimed delivery is refused: a dead letter
        }
        assertThat(store.deadLetters(1_000)).hasSize(many);
        DeadLetters deadLetters = new DeadLetters(store, Clock.systemUTC());

        assertThat(printed(o -> assertThat(deadLetters.resendAll(o)).isEqualTo(many)))
                .isEqualTo(many + " dead letter(s) made pending again\n");
        assertThat(store.deadLetters(1_000)).isEmpty();
        assertThat(printed(o -> assertThat(deadLetters.resendAll(o)).isZero())).isEqualTo("no dead letters\n");
    }

    @Test
    void resend_all_does_not_loop_over_letters_a_running_dispatcher_makes_dead_again() {
        deadLetter("c1");
        DeliveryQueue deadAgainAtOnce = new DeliveryQueue() {
            @Override
            public List<QueuedDelivery> claim(String node, java.time.Instant now, java.time.Duration lease, int max) {
                return store.claim(node, now, lease, max);
            }

            @Override
            public boolean record(long deliveryId, String node, io.postback.spi.DeliveryAttempt attempt, Next next) {
                return store.record(deliveryId, node, attempt, next);
            }

            @Override
            public List<QueuedDelivery> deadLetters(int max) {
                return store.deadLetters(max);
            }

            @Override
            public List<QueuedDelivery> retrying(int max) {
                return store.retrying(max);
            }

            @Override
            public boolean resend(long deliveryId, java.time.Instant now) {
                boolean resent = store.resend(deliveryId, now);
                refusing.runOnce(); // a dispatcher on another node refuses it again at once
                return resent;
            }

            @Override
            public List<QueuedDelivery> deliveriesOf(long leadId) {
                return store.deliveriesOf(leadId);
            }

            @Override
            public List<io.postback.spi.DeliveryAttempt> attempts(long deliveryId) {
                return store.attempts(deliveryId);
            }
        };

        assertThat(printed(o -> assertThat(new DeadLetters(deadAgainAtOnce, Clock.systemUTC()).resendAll(o)).isEqualTo(1)))
                .isEqualTo("1 dead letter(s) made pending again\n");
        assertThat(store.deadLetters(10)).singleElement().satisfies(d -> assertThat(d.attempts()).isEqualTo(2));
    }
}

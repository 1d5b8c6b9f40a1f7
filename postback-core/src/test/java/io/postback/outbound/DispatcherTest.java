package io.postback.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.PostbackResult;
import io.postback.memory.InMemoryOfferCatalog;
import io.postback.model.Lead;
import io.postback.spi.DeliveryAttempt;
import io.postback.spi.QueuedDelivery;
import io.postback.testing.EngineFixture;
import io.postback.testing.NetworkCatalog;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rules §15: outbound postbacks sent to a real receiver on loopback, with its answers and failures. */
class DispatcherTest {

    private Receiver receiver;
    private Dispatcher dispatcher;

    @AfterEach
    void stop() {
        if (dispatcher != null) {
            dispatcher.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    static String catalog(String base) {
        return """
                {"offers": [{"id": 1, "name": "Casino", "currency": "EUR", "default_goal": "reg", "fields": ["sub1"],
                             "goals": [{"id": "reg", "payout": "10", "commission": {"fixed": "4"}},
                                       {"id": "dep", "payout": "50", "commission": {"fixed": "30"}}]}],
                 "sites": [{"id": 12, "offer": 1, "key": "abc"}],
                 "flows": [{"id": 1234, "code": "5FAC-D4E8", "offer": 1, "webmaster": 77},
                           {"id": 1235, "code": "7B2C-11AA", "offer": 1, "webmaster": 78}],
                 "postbacks": [
                   {"id": 1, "offer": 1, "webmaster": 77, "on": ["create", "approve", "cancel"], "method": "GET",
                    "url": "BASE/pb?cid={click}&s={status}&p={commission}&c={currency}&e={event}&sub={field.sub1}"},
                   {"id": 2, "offer": 1, "goal": "dep", "on": ["approve", "money"], "method": "POST",
                    "url": "BASE/post?cid={click}&lead={lead}&p={commission}", "signing_secret": "s3cret-outbound"}
                 ]}
                """.replace("BASE", base);
    }

    private EngineFixture engine(Receiver.Behaviour... behaviours) throws Exception {
        receiver = new Receiver(behaviours);
        InMemoryOfferCatalog catalog = NetworkCatalog.read(catalog(receiver.base()));
        EngineFixture f = EngineFixture.standard().sameStore(catalog, b -> { });
        dispatcher = Dispatcher.builder(f.store, catalog).clock(f.clock).node("a").allowPrivateDestinations(true)
                .timeout(Duration.ofMillis(1000)).lease(Duration.ofSeconds(3)).build();
        return f;
    }

    private QueuedDelivery only(EngineFixture f, Lead lead) {
        List<QueuedDelivery> deliveries = f.store.deliveriesOf(lead.id());
        assertThat(deliveries).hasSize(1);
        return deliveries.get(0);
    }

    @Test
    void aMatchingEventIsEnqueuedWithTheLeadAndSentOnceWithItsValuesPercentEncoded() throws Exception {
        EngineFixture f = engine(Receiver.answer(200));
        Lead lead = f.leadOf(f.create("token=12-abc&click=c1&flow=1234&sub1=a%26b%23c%20%C3%A9%2F%3F%3D"));
        f.create("token=12-abc&click=c2&flow=1235"); // webmaster 78: not this postback's

        QueuedDelivery queued = only(f, lead);
        assertThat(dispatcher.runOnce()).isEqualTo(1);
        assertThat(dispatcher.runOnce()).isZero();

        assertThat(receiver.received).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.rawQuery()).isEqualTo("cid=c1&s=new&p=4.00&c=EUR&e=" + queued.delivery().eventId()
                    + "&sub=a%26b%23c%20%C3%A9%2F%3F%3D");
            assertThat(r.signature()).isNull();
        });
        QueuedDelivery sent = only(f, lead);
        assertThat(sent.state()).isEqualTo(QueuedDelivery.State.DELIVERED);
        assertThat(f.store.attempts(sent.delivery().id())).singleElement()
                .satisfies(a -> assertThat(a.httpStatus()).hasValue(200));
    }

    @Test
    void aPostSendsItsQueryAsAFormAndSignsIt() throws Exception {
        EngineFixture f = engine(Receiver.answer(204));
        Lead lead = f.leadOf(f.create("token=12-abc&click=c1&goal=dep&status=approved"));

        dispatcher.runOnce();

        long t = f.clock.instant().getEpochSecond();
        String body = "cid=c1&lead=" + lead.id() + "&p=30.00";
        assertThat(receiver.received).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/post");
            assertThat(r.rawQuery()).isNull();
            assertThat(r.body()).isEqualTo(body);
            assertThat(r.signature()).isEqualTo("t=" + t + ",v1=" + DeliverySignature.hmac("s3cret-outbound", t + "." + body));
        });
    }

    @Test
    void anotherClientErrorIsADeadLetterAtOnceAndCanBeSentAgain() throws Exception {
        EngineFixture f = engine(Receiver.answer(404), Receiver.answer(200));
        Lead lead = f.leadOf(f.create("token=12-abc&click=c1&flow=1234"));

        dispatcher.runOnce();
        QueuedDelivery dead = only(f, lead);

        assertThat(dead.state()).isEqualTo(QueuedDelivery.State.DEAD);
        assertThat(dead.lastError()).hasValue("HTTP 404");
        assertThat(f.store.deadLetters(10)).extracting(d -> d.delivery().id()).containsExactly(dead.delivery().id());
        assertThat(f.store.resend(dead.delivery().id(), f.clock.instant())).isTrue();
        dispatcher.runOnce();
        assertThat(only(f, lead).state()).isEqualTo(QueuedDelivery.State.DELIVERED);
        assertThat(receiver.queries()).hasSize(2).as("the same event id on every attempt").allMatch(
                q -> q.contains("e=" + dead.delivery().eventId()));
    }

    @Test
    void serverErrorsTooManyRequestsTimeoutsAndDroppedConnectionsAreRetriedWithTheSameEventId() throws Exception {
        // The JDK client itself sends a GET again once when its connection is dropped: two drops make one failed attempt.
        EngineFixture f = engine(Receiver.answer(500), Receiver.answer(429), new Receiver.Behaviour.Hang(2500),
                new Receiver.Behaviour.Drop(), new Receiver.Behaviour.Drop(), Receiver.answer(200));
        Lead lead = f.leadOf(f.create("token=12-abc&click=c1&flow=1234"));

        for (int i = 0; i < 5; i++) {
            assertThat(dispatcher.runOnce()).as("attempt %d is due", i + 1).isEqualTo(1);
            assertThat(dispatcher.runOnce()).as("not due again before its backoff").isZero();
            f.clock.advance(Duration.ofDays(1));
        }

        QueuedDelivery delivered = only(f, lead);
        assertThat(delivered.state()).isEqualTo(QueuedDelivery.State.DELIVERED);
        List<DeliveryAttempt> attempts = f.store.attempts(delivered.delivery().id());
        assertThat(attempts).extracting(a -> a.httpStatus().isPresent() ? "HTTP " + a.httpStatus().getAsInt() : a.error().get())
                .containsExactly("HTTP 500", "HTTP 429", "timeout after 1000 ms", "network error: IOException", "HTTP 200");
        assertThat(receiver.queries()).hasSize(6).allMatch(q -> q.contains("e=" + delivered.delivery().eventId()));
    }

    @Test
    void aRedirectIsNotFollowedAndAHugeAnswerIsReadOnlyInPart() throws Exception {
        EngineFixture f = engine(Receiver.answer(302), new Receiver.Behaviour.Answer(200, 4 * 1024 * 1024));
        Lead redirected = f.leadOf(f.create("token=12-abc&click=c1&flow=1234"));
        dispatcher.runOnce();
        Lead huge = f.leadOf(f.create("token=12-abc&click=c2&flow=1234"));
        dispatcher.runOnce();

        assertThat(only(f, redirected).state()).isEqualTo(QueuedDelivery.State.DEAD);
        assertThat(only(f, redirected).lastError()).hasValue("HTTP 302");
        assertThat(only(f, huge).state()).isEqualTo(QueuedDelivery.State.DELIVERED);
        assertThat(receiver.received).hasSize(2);
    }

    @Test
    void theLastFailedAttemptMakesADeadLetter() throws Exception {
        EngineFixture f = engine(Receiver.answer(503));
        dispatcher.close();
        dispatcher = Dispatcher.builder(f.store, NetworkCatalog.read(catalog(receiver.base()))).clock(f.clock).node("a")
                .allowPrivateDestinations(true).retries(new RetryPolicy(3, Duration.ofSeconds(30), 3.5, 0.2)).build();
        Lead lead = f.leadOf(f.create("token=12-abc&click=c1&flow=1234"));

        for (int i = 0; i < 4; i++) {
            dispatcher.runOnce();
            f.clock.advance(Duration.ofHours(1));
        }

        assertThat(only(f, lead).state()).isEqualTo(QueuedDelivery.State.DEAD);
        assertThat(only(f, lead).attempts()).isEqualTo(3);
        assertThat(receiver.received).hasSize(3);
    }

    @Test
    void theDefaultRetriesFirstWithinAMinuteAndLastAboutADayAfterTheFirstAttempt() {
        RetryPolicy policy = RetryPolicy.DEFAULT;
        long total = 0;
        for (int attempt = 1; policy.retries(attempt); attempt++) {
            Duration delay = policy.delayAfter(attempt);
            if (attempt == 1) {
                assertThat(delay).isLessThanOrEqualTo(Duration.ofMinutes(1));
            }
            total += delay.toMillis();
        }
        assertThat(policy.maxAttempts()).isEqualTo(8);
        assertThat(Duration.ofMillis(total)).isBetween(Duration.ofHours(16), Duration.ofHours(30));
    }

    @Test
    void aUrlLongerThanTheLimitAfterItsMacrosIsADeadLetterWithoutARequest() throws Exception {
        receiver = new Receiver(Receiver.answer(200));
        String base = receiver.base();
        String json = catalog(base).replace("\"url\": \"" + base + "/pb?cid={click}", "\"url\": \"" + base
                + "/pb?a={field.sub1}&b={field.sub1}&c={field.sub1}&d={field.sub1}&e={field.sub1}&f={field.sub1}&cid={click}");
        InMemoryOfferCatalog catalog = NetworkCatalog.read(json);
        EngineFixture f = EngineFixture.standard().sameStore(catalog, b -> { });
        dispatcher = Dispatcher.builder(f.store, catalog).clock(f.clock).allowPrivateDestinations(true).build();
        Lead lead = f.leadOf(f.create("token=12-abc&click=c1&flow=1234&sub1=" + "%C3%A9".repeat(255)));

        dispatcher.runOnce();

        assertThat(receiver.received).isEmpty();
        assertThat(only(f, lead).state()).isEqualTo(QueuedDelivery.State.DEAD);
        assertThat(only(f, lead).lastError().orElseThrow()).contains("over the limit of 8192");
    }

    @Test
    void aLoopbackDestinationIsRefusedUnlessAllowedAndTheRefusalIsRecorded() throws Exception {
        EngineFixture f = engine(Receiver.answer(200));
        dispatcher.close();
        dispatcher = Dispatcher.builder(f.store, NetworkCatalog.read(catalog(receiver.base()))).clock(f.clock).build();
        Lead lead = f.leadOf(f.create("token=12-abc&click=c1&flow=1234"));

        dispatcher.runOnce();

        assertThat(receiver.received).isEmpty();
        assertThat(only(f, lead).state()).isEqualTo(QueuedDelivery.State.DEAD);
        assertThat(only(f, lead).lastError()).hasValue("refused: 127.0.0.1 is 127.0.0.1, a loopback address");
    }

    @Test
    void aDeliveryClaimedByOneNodeIsNotSentByAnotherUntilItsLeasePassed() throws Exception {
        EngineFixture f = engine(Receiver.answer(200));
        Lead lead = f.leadOf(f.create("token=12-abc&click=c1&flow=1234"));

        assertThat(f.store.claim("dead-node", f.clock.instant(), Duration.ofMinutes(1), 10)).hasSize(1);
        assertThat(dispatcher.runOnce()).as("leased by the dead node").isZero();
        f.clock.advance(Duration.ofMinutes(1));
        assertThat(dispatcher.runOnce()).as("its lease passed").isEqualTo(1);

        assertThat(only(f, lead).state()).isEqualTo(QueuedDelivery.State.DELIVERED);
        assertThat(f.store.record(only(f, lead).delivery().id(), "dead-node",
                DeliveryAttempt.answered(f.clock.instant(), 200, Duration.ZERO), new io.postback.spi.DeliveryQueue.Next.Delivered()))
                .as("the node that lost its lease records nothing").isFalse();
        assertThat(f.store.attempts(only(f, lead).delivery().id())).hasSize(1);
    }

    @Test
    void aRejectedPostbackEnqueuesNothingAndExplainNeither() throws Exception {
        EngineFixture f = engine(Receiver.answer(200));

        PostbackResult rejected = f.create("token=12-abc&click=c1&flow=1234&goal=vip");
        f.processor.explain(io.postback.testing.Postbacks.create("token=12-abc&click=c9&flow=1234"));

        assertThat(rejected.isRejected()).isTrue();
        assertThat(dispatcher.runOnce()).isZero();
    }
}

package io.postback.testing.contract;

import static io.postback.testing.contract.Fixtures.AT;
import static io.postback.testing.contract.Fixtures.created;
import static io.postback.testing.contract.Fixtures.key;
import static io.postback.testing.contract.Fixtures.lead;
import static io.postback.testing.contract.Fixtures.updated;
import static org.assertj.core.api.Assertions.assertThat;

import io.postback.model.CapSlot;
import io.postback.model.Lead;
import io.postback.model.OutboundPostback.Method;
import io.postback.model.OutboundPostback.Trigger;
import io.postback.spi.CapFull;
import io.postback.spi.CapTake;
import io.postback.spi.Delivery;
import io.postback.spi.DeliveryAttempt;
import io.postback.spi.DeliveryQueue;
import io.postback.spi.DeliveryQueue.Next;
import io.postback.spi.Effects;
import io.postback.spi.Insertion;
import io.postback.spi.QueuedDelivery;
import io.postback.spi.QueuedDelivery.State;
import io.postback.spi.Update;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store's part of outbound postbacks (rules §15): deliveries enqueued with a lead change and
 * only with it, a claim that leases them to one node, attempts recorded only by the lease's owner,
 * retries, dead letters and resends. Stores run it through {@link AbstractLeadStoreContractTest}.
 */
public abstract class DeliveryQueueContract extends NetworkRulesContract {

    static final Duration LEASE = Duration.ofSeconds(30);
    static final String URL = "https://tracker.example/pb?cid={click}&s={status}&e={event}&f={field.sub1}";
    /** Values a click or a field may hold: quotes, SQL, NUL and control characters, 4-byte characters. */
    static final Map<String, String> VALUES = Map.of("click", "it's \"x\" '; DROP TABLE pb_delivery; --", "status", "approve",
            "field.sub1", "nul\u0000 tab\t lf\n \uD83D\uDE00", "commission", "4.00000000");
    private static final CapSlot SLOT = new CapSlot("o1|create|total|UTC|f*|w*|g*", "total");
    private static final AtomicLong EVENT_IDS = new AtomicLong();

    protected DeliveryQueue queue;

    @BeforeEach
    void setUpQueue() {
        queue = under.deliveries();
    }

    /** A delivery of postback 3 as the processor gives it: lead id 0 for a new lead. */
    static Delivery delivery(long leadId, Trigger trigger, Instant at) {
        return new Delivery(0, "event-" + EVENT_IDS.incrementAndGet(), 3, leadId, trigger, Method.GET, URL, VALUES, at);
    }

    private static Effects withDeliveries(Effects effects, List<CapTake> takes, List<String> keys, Delivery... deliveries) {
        return new Effects(effects.journal(), effects.bookings(), effects.events(), takes, List.of(), keys, List.of(deliveries));
    }

    /** A new lead with one delivery on creation, due at {@code at}. */
    private Lead insertWithDelivery(String click, Instant at) {
        Lead lead = lead(1, click, "o", true);
        Insertion insertion = store.insert(lead, withDeliveries(created(lead), List.of(), List.of(), delivery(0, Trigger.CREATE, at)));
        assertThat(insertion).isInstanceOf(Insertion.Inserted.class);
        return Fixtures.leadOf(insertion);
    }

    private QueuedDelivery only(List<QueuedDelivery> claimed) {
        assertThat(claimed).hasSize(1);
        return claimed.get(0);
    }

    private int allDeliveries() {
        return queue.claim("census", AT.plus(Duration.ofDays(3650)), Duration.ofSeconds(1), 1000).size()
                + queue.deadLetters(1000).size();
    }

    @Test
    void deliveriesOfANewLeadAreClaimableWithItsIdFilledIn() {
        Lead lead = lead(1, "c1", "o1", true);
        Delivery onCreate = delivery(0, Trigger.CREATE, AT);
        Delivery onWait = delivery(0, Trigger.WAIT, AT);

        Lead stored = Fixtures.leadOf(store.insert(lead, withDeliveries(created(lead), List.of(), List.of(), onCreate, onWait)));
        List<QueuedDelivery> claimed = queue.claim("node-a", AT, LEASE, 10);

        assertThat(claimed).hasSize(2).allSatisfy(q -> {
            assertThat(q.state()).isEqualTo(State.PENDING);
            assertThat(q.attempts()).isZero();
            assertThat(q.nextAttemptAt()).contains(AT);
            assertThat(q.lastError()).isEmpty();
            assertThat(q.delivery().id()).isPositive();
        });
        assertThat(claimed.get(0).delivery()).isEqualTo(onCreate.withLeadId(stored.id()).withId(claimed.get(0).delivery().id()));
        assertThat(claimed.get(1).delivery()).isEqualTo(onWait.withLeadId(stored.id()).withId(claimed.get(1).delivery().id()));
        assertThat(claimed.get(0).delivery().id()).isLessThan(claimed.get(1).delivery().id());
        assertThat(queue.deliveriesOf(stored.id())).extracting(QueuedDelivery::delivery)
                .containsExactly(claimed.get(0).delivery(), claimed.get(1).delivery());
        assertThat(queue.deliveriesOf(stored.id() + 1000)).isEmpty();
    }

    @Test
    void deliveriesOfAnUpdateAndOfAGuardedWriteAreEnqueuedWithIt() {
        Lead stored = insertNew(lead(1, "c1", "o1", true));
        Lead changed = stored.withState(Fixtures.approvedState(stored.state()));
        Delivery onApprove = delivery(stored.id(), Trigger.APPROVE, AT);
        Lead guarded = lead(1, "c2", "o2", true);
        Delivery onGuardedCreate = delivery(0, Trigger.CREATE, AT);

        assertThat(store.update(changed, withDeliveries(updated(changed), List.of(), List.of(), onApprove)).applied()).isTrue();
        Lead guardedStored = Fixtures.leadOf(store.insert(guarded, withDeliveries(created(guarded), List.of(new CapTake(SLOT, 5)),
                List.of(key("c2", "other")), onGuardedCreate)));

        assertThat(queue.deliveriesOf(stored.id())).extracting(q -> q.delivery().withId(0)).containsExactly(onApprove);
        assertThat(queue.deliveriesOf(guardedStored.id())).extracting(q -> q.delivery().withId(0))
                .containsExactly(onGuardedCreate.withLeadId(guardedStored.id()));
        assertThat(queue.claim("node-a", AT, LEASE, 10)).hasSize(2);
    }

    @Test
    void aRejectedWriteEnqueuesNothing() {
        Lead first = insertNew(lead(1, "c1", "o1", true));
        store.insert(lead(1, "c2", "o2", true), withDeliveries(created(lead(1, "c2", "o2", true)), List.of(new CapTake(SLOT, 1)),
                List.of(), delivery(0, Trigger.CREATE, AT)));
        queue.claim("drain", AT, Duration.ofDays(1), 10);
        Lead duplicate = lead(1, "c1", "o1", true);
        Lead overCap = lead(1, "c3", "o3", true);
        Lead stale = first.withState(Fixtures.withComment(first.state(), "stale"));
        store.update(first.withState(Fixtures.withComment(first.state(), "fresh")), updated(first));

        assertThat(store.insert(duplicate, withDeliveries(created(duplicate), List.of(), List.of(), delivery(0, Trigger.CREATE, AT))))
                .as("a taken key").isInstanceOf(Insertion.AlreadyExists.class);
        assertThat(store.insert(duplicate, withDeliveries(created(duplicate), List.of(new CapTake(SLOT, 9)), List.of(),
                delivery(0, Trigger.CREATE, AT)))).as("a taken key, guarded").isInstanceOf(Insertion.AlreadyExists.class);
        assertThat(store.insert(overCap, withDeliveries(created(overCap), List.of(new CapTake(SLOT, 1)), List.of(),
                delivery(0, Trigger.CREATE, AT)))).isEqualTo(new CapFull(SLOT));
        assertThat(store.update(stale, withDeliveries(updated(stale), List.of(), List.of(), delivery(first.id(), Trigger.MONEY, AT))))
                .isEqualTo(Update.OUTDATED);
        assertThat(store.update(stale, withDeliveries(updated(stale), List.of(), List.of(key("c9", "x")),
                delivery(first.id(), Trigger.MONEY, AT)))).as("outdated, guarded").isEqualTo(Update.OUTDATED);

        assertThat(queue.claim("node-a", AT.plus(Duration.ofDays(2)), LEASE, 10)).as("only the one delivery written").hasSize(1);
        assertThat(queue.deliveriesOf(first.id())).isEmpty();
        assertThat(allDeliveries()).isEqualTo(1);
    }

    @Test
    void aClaimedDeliveryIsNotClaimableByAnotherNodeUntilTheLeasePasses() {
        insertWithDelivery("c1", AT);
        long id = only(queue.claim("node-a", AT, LEASE, 10)).delivery().id();

        assertThat(queue.claim("node-b", AT, LEASE, 10)).isEmpty();
        assertThat(queue.claim("node-b", AT.plus(LEASE).minusNanos(1000), LEASE, 10)).as("a microsecond before it ends").isEmpty();
        assertThat(queue.claim("node-a", AT.plusSeconds(1), LEASE, 10)).as("nor by its own node").isEmpty();

        QueuedDelivery taken = only(queue.claim("node-b", AT.plus(LEASE), LEASE, 10));

        assertThat(taken.delivery().id()).isEqualTo(id);
        assertThat(taken.attempts()).isZero();
        assertThat(queue.claim("node-a", AT.plus(LEASE), LEASE, 10)).isEmpty();
    }

    @Test
    void aNodeThatLostItsLeaseRecordsNothing() {
        Lead lead = insertWithDelivery("c1", AT);
        long id = only(queue.claim("node-a", AT, LEASE, 10)).delivery().id();
        only(queue.claim("node-b", AT.plus(LEASE), LEASE, 10));

        boolean late = queue.record(id, "node-a", DeliveryAttempt.answered(AT.plusSeconds(40), 200, Duration.ofMillis(35)),
                new Next.Delivered());

        assertThat(late).isFalse();
        assertThat(queue.attempts(id)).isEmpty();
        assertThat(queue.deliveriesOf(lead.id())).singleElement().satisfies(q -> {
            assertThat(q.state()).isEqualTo(State.PENDING);
            assertThat(q.attempts()).isZero();
            assertThat(q.lastError()).isEmpty();
        });
        assertThat(queue.record(id, "node-c", DeliveryAttempt.answered(AT.plusSeconds(40), 200, Duration.ofMillis(35)),
                new Next.Delivered())).as("a node that never claimed it").isFalse();
        assertThat(queue.record(id, "node-b", DeliveryAttempt.answered(AT.plusSeconds(41), 200, Duration.ofMillis(35)),
                new Next.Delivered())).as("the lease's owner").isTrue();
        assertThat(queue.record(id, "node-b", DeliveryAttempt.answered(AT.plusSeconds(42), 200, Duration.ofMillis(35)),
                new Next.Delivered())).as("once delivered, no more attempts").isFalse();
        assertThat(queue.attempts(id)).hasSize(1);
    }

    @Test
    void aRetryMakesTheDeliveryDueLaterAndFreesItsLease() {
        Lead lead = insertWithDelivery("c1", AT);
        long id = only(queue.claim("node-a", AT, LEASE, 10)).delivery().id();
        Instant retryAt = AT.plusSeconds(10);

        assertThat(queue.record(id, "node-a", DeliveryAttempt.answered(AT.plusSeconds(1), 503, Duration.ofMillis(120)),
                new Next.RetryAt(retryAt))).isTrue();

        assertThat(queue.deliveriesOf(lead.id())).singleElement().satisfies(q -> {
            assertThat(q.state()).isEqualTo(State.PENDING);
            assertThat(q.attempts()).isEqualTo(1);
            assertThat(q.nextAttemptAt()).contains(retryAt);
            assertThat(q.lastError()).contains("HTTP 503");
        });
        assertThat(queue.claim("node-b", retryAt.minusSeconds(1), LEASE, 10)).isEmpty();
        QueuedDelivery again = only(queue.claim("node-b", retryAt, LEASE, 10)); // before node a's lease would have ended
        assertThat(again.attempts()).isEqualTo(1);
        assertThat(again.delivery().id()).isEqualTo(id);
        assertThat(queue.record(id, "node-a", DeliveryAttempt.failed(retryAt, "timeout", Duration.ofSeconds(5)), new Next.Delivered()))
                .as("node a's lease ended with its attempt").isFalse();
    }

    @Test
    void aDeadDeliveryIsADeadLetterUntilItIsResent() {
        Lead lead = insertWithDelivery("c1", AT);
        insertWithDelivery("c2", AT.plusSeconds(1));
        List<QueuedDelivery> claimed = queue.claim("node-a", AT.plusSeconds(1), LEASE, 10);
        long older = claimed.get(0).delivery().id();
        long newer = claimed.get(1).delivery().id();
        assertThat(queue.resend(older, AT)).as("a pending delivery is no dead letter").isFalse();

        queue.record(older, "node-a", DeliveryAttempt.answered(AT.plusSeconds(2), 404, Duration.ofMillis(9)), new Next.Dead());
        queue.record(newer, "node-a", DeliveryAttempt.failed(AT.plusSeconds(2), "refused: 127.0.0.1 is a loopback address",
                Duration.ZERO), new Next.Dead());

        assertThat(queue.deadLetters(10)).extracting(q -> q.delivery().id()).containsExactly(newer, older);
        assertThat(queue.deadLetters(1)).extracting(q -> q.delivery().id()).containsExactly(newer);
        assertThat(queue.deadLetters(10).get(0)).satisfies(q -> {
            assertThat(q.state()).isEqualTo(State.DEAD);
            assertThat(q.nextAttemptAt()).isEmpty();
            assertThat(q.lastError()).contains("refused: 127.0.0.1 is a loopback address");
            assertThat(q.attempts()).isEqualTo(1);
        });
        assertThat(queue.claim("node-b", AT.plus(Duration.ofDays(1)), LEASE, 10)).isEmpty();
        Instant resentAt = AT.plus(Duration.ofHours(2));

        assertThat(queue.resend(older, resentAt)).isTrue();
        assertThat(queue.resend(older, resentAt)).as("only a dead letter is resent").isFalse();

        assertThat(queue.deadLetters(10)).extracting(q -> q.delivery().id()).containsExactly(newer);
        assertThat(queue.deliveriesOf(lead.id())).singleElement().satisfies(q -> {
            assertThat(q.state()).isEqualTo(State.PENDING);
            assertThat(q.nextAttemptAt()).contains(resentAt);
            assertThat(q.attempts()).isEqualTo(1);
        });
        assertThat(queue.claim("node-b", resentAt.minusSeconds(1), LEASE, 10)).isEmpty();
        assertThat(only(queue.claim("node-b", resentAt, LEASE, 10)).delivery().id()).isEqualTo(older);
        assertThat(queue.resend(older + newer + 1000, resentAt)).as("no such delivery").isFalse();
    }

    @Test
    void attemptsAreKeptInOrder() {
        Lead lead = insertWithDelivery("c1", AT);
        List<DeliveryAttempt> made = List.of(DeliveryAttempt.answered(AT.plusSeconds(1), 503, Duration.ofMillis(1500)),
                DeliveryAttempt.failed(AT.plusSeconds(61), "timeout", Duration.ofSeconds(5)),
                DeliveryAttempt.answered(AT.plusSeconds(301), 429, Duration.ofNanos(123_456_000)),
                DeliveryAttempt.answered(AT.plusSeconds(901), 200, Duration.ofMillis(42)));
        long id = 0;
        for (int i = 0; i < made.size(); i++) {
            Instant now = made.get(i).at();
            id = only(queue.claim("node-" + i, now, LEASE, 10)).delivery().id();
            Next next = i < made.size() - 1 ? new Next.RetryAt(now.plusSeconds(10)) : new Next.Delivered();
            assertThat(queue.record(id, "node-" + i, made.get(i), next)).isTrue();
        }

        assertThat(queue.attempts(id)).containsExactlyElementsOf(made);
        assertThat(queue.deliveriesOf(lead.id())).singleElement().satisfies(q -> {
            assertThat(q.state()).isEqualTo(State.DELIVERED);
            assertThat(q.attempts()).isEqualTo(4);
            assertThat(q.nextAttemptAt()).isEmpty();
            assertThat(q.lastError()).contains("HTTP 200");
        });
        assertThat(queue.attempts(id + 1000)).isEmpty();
    }

    @Test
    void aClaimTakesTheOldestDueFirstAndAtMostMax() {
        insertWithDelivery("c1", AT.plusSeconds(3));
        insertWithDelivery("c2", AT.plusSeconds(1));
        insertWithDelivery("c3", AT.plusSeconds(2));
        insertWithDelivery("c4", AT.plusSeconds(60));

        Duration hour = Duration.ofHours(1);
        List<QueuedDelivery> first = queue.claim("node-a", AT.plusSeconds(10), hour, 2);
        List<QueuedDelivery> rest = queue.claim("node-b", AT.plusSeconds(10), hour, 10);

        assertThat(first).extracting(q -> q.nextAttemptAt().orElseThrow()).containsExactly(AT.plusSeconds(1), AT.plusSeconds(2));
        assertThat(rest).extracting(q -> q.nextAttemptAt().orElseThrow()).containsExactly(AT.plusSeconds(3));
        assertThat(queue.claim("node-c", AT.plusSeconds(10), hour, 0)).isEmpty();
        assertThat(queue.claim("node-c", AT.plusSeconds(60), hour, 10)).hasSize(1);
    }
}

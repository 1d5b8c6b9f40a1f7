package io.postback.testing.contract;

import static io.postback.testing.contract.Fixtures.AT;
import static io.postback.testing.contract.Fixtures.created;
import static io.postback.testing.contract.Fixtures.lead;
import static io.postback.testing.contract.Fixtures.updated;
import static org.assertj.core.api.Assertions.assertThat;

import io.postback.model.Action;
import io.postback.model.ErrorCode;
import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.model.OutboundPostback.Trigger;
import io.postback.model.Outcome;
import io.postback.spi.DeliveryAttempt;
import io.postback.spi.DeliveryQueue.Next;
import io.postback.spi.Effects;
import io.postback.spi.QueuedDelivery;
import io.postback.spi.RejectionCount;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The reads of the operator page (docs/operator-page.md): leads by click or {@code exto} across
 * offers, a lead's journal, rejections counted per site and error code, deliveries waiting for a
 * retry. Stores run it through {@link AbstractLeadStoreContractTest}.
 */
public abstract class OperatorReadsContract extends DeliveryQueueContract {

    @Test
    void aClickOrAnExtoFindsItsLeadsInEveryOfferNewestFirst() {
        Lead first = insertNew(lead(1, "shared", "e1", true));
        Lead otherOffer = insertNew(lead(2, "shared", "e1", true));
        Lead otherClick = insertNew(lead(1, "other", "e1", true));
        Lead hostile = insertNew(lead(1, AbstractLeadStoreContractTest.INJECTION, "e2", true));

        assertThat(history.leadsOfClick("shared", 10)).extracting(Lead::id).containsExactly(otherOffer.id(), first.id());
        assertThat(history.leadsOfClick("shared", 1)).extracting(Lead::id).containsExactly(otherOffer.id());
        assertThat(history.leadsOfClick("SHARED", 10)).as("compared exactly (rules §3)").isEmpty();
        assertThat(history.leadsOfClick(AbstractLeadStoreContractTest.INJECTION, 10)).containsExactly(hostile);
        assertThat(history.leadsOfExto("e1", 10)).extracting(Lead::id).containsExactly(otherClick.id(), otherOffer.id(), first.id());
        assertThat(history.leadsOfExto("e1", 2)).hasSize(2);
        assertThat(history.leadsOfExto("none", 10)).isEmpty();
    }

    @Test
    void aLeadsJournalIsEveryEntryWithItsIdNewestFirst() {
        Lead lead = insertNew(lead(1, "c1", "o1", true));
        Lead other = insertNew(lead(1, "c2", "o2", true));
        assertThat(store.update(lead, updated(lead)).applied()).isTrue();
        JournalEntry rejected = store.journal(Fixtures.journal(1, Outcome.REJECTED, lead.id()));

        List<JournalEntry> journal = history.journalOf(lead.id(), 10);

        assertThat(journal).hasSize(3).allSatisfy(e -> assertThat(e.leadId()).hasValue(lead.id()));
        assertThat(journal.get(0)).isEqualTo(rejected);
        assertThat(journal.get(2).outcome()).isEqualTo(Outcome.CREATED);
        assertThat(journal.get(0).id()).isGreaterThan(journal.get(1).id());
        assertThat(history.journalOf(lead.id(), 1)).containsExactly(rejected);
        assertThat(history.journalOf(other.id(), 10)).singleElement().satisfies(e -> assertThat(e.leadId()).hasValue(other.id()));
        assertThat(history.journalOf(other.id() + 1000, 10)).isEmpty();
    }

    @Test
    void rejectionsAreCountedPerSiteAndErrorCodeSinceAnInstant() {
        Instant now = AT;
        store.journal(rejection(now.minus(Duration.ofHours(30)), OptionalLong.of(12), ErrorCode.GOAL));
        store.journal(rejection(now.minus(Duration.ofHours(5)), OptionalLong.of(12), ErrorCode.GOAL));
        store.journal(rejection(now.minus(Duration.ofMinutes(30)), OptionalLong.of(12), ErrorCode.GOAL));
        store.journal(rejection(now.minus(Duration.ofMinutes(20)), OptionalLong.of(12), ErrorCode.STATUS));
        store.journal(rejection(now.minus(Duration.ofMinutes(10)), OptionalLong.empty(), ErrorCode.TOKEN));
        store.journal(rejection(now.minus(Duration.ofMinutes(5)), OptionalLong.of(13), ErrorCode.GOAL));
        store.journal(Fixtures.journal(1, Outcome.DUPLICATE, 0));

        assertThat(history.rejectionsSince(now.minus(Duration.ofHours(1)), 1000)).containsExactlyInAnyOrder(
                new RejectionCount(OptionalLong.of(12), ErrorCode.GOAL, 1),
                new RejectionCount(OptionalLong.of(12), ErrorCode.STATUS, 1),
                new RejectionCount(OptionalLong.empty(), ErrorCode.TOKEN, 1),
                new RejectionCount(OptionalLong.of(13), ErrorCode.GOAL, 1));
        assertThat(history.rejectionsSince(now.minus(Duration.ofDays(1)), 1000))
                .contains(new RejectionCount(OptionalLong.of(12), ErrorCode.GOAL, 2)).hasSize(4);
        assertThat(history.rejectionsSince(now.minus(Duration.ofDays(1)), 2)).as("the newest two rejected entries only")
                .containsExactlyInAnyOrder(new RejectionCount(OptionalLong.empty(), ErrorCode.TOKEN, 1),
                        new RejectionCount(OptionalLong.of(13), ErrorCode.GOAL, 1));
        assertThat(history.rejectionsSince(now.plus(Duration.ofMinutes(1)), 1000)).isEmpty();
    }

    @Test
    void retryingListsPendingDeliveriesWhoseLastAttemptFailed() {
        Lead retried = insertWithDelivery("r1");
        Lead neverTried = insertWithDelivery("r2");
        Lead dead = insertWithDelivery("r3");
        List<QueuedDelivery> claimed = queue.claim("node-a", AT, LEASE, 10);
        assertThat(claimed).hasSize(3);
        long retriedId = claimed.stream().filter(q -> q.delivery().leadId() == retried.id()).findFirst().orElseThrow().delivery().id();
        long deadId = claimed.stream().filter(q -> q.delivery().leadId() == dead.id()).findFirst().orElseThrow().delivery().id();
        queue.record(retriedId, "node-a", DeliveryAttempt.answered(AT, 503, Duration.ofMillis(20)), new Next.RetryAt(AT.plusSeconds(60)));
        queue.record(deadId, "node-a", DeliveryAttempt.failed(AT, "timeout", Duration.ofSeconds(5)), new Next.Dead());

        assertThat(queue.retrying(10)).singleElement().satisfies(q -> {
            assertThat(q.delivery().leadId()).isEqualTo(retried.id());
            assertThat(q.state()).isEqualTo(QueuedDelivery.State.PENDING);
            assertThat(q.attempts()).isEqualTo(1);
            assertThat(q.nextAttemptAt()).contains(AT.plusSeconds(60));
            assertThat(q.lastError()).isPresent();
        });
        assertThat(queue.retrying(0)).isEmpty();
        assertThat(queue.deliveriesOf(neverTried.id())).singleElement().satisfies(q -> assertThat(q.attempts()).isZero());
    }

    private Lead insertWithDelivery(String click) {
        Lead lead = lead(1, click, "o", true);
        Effects effects = created(lead);
        return Fixtures.leadOf(store.insert(lead, new Effects(effects.journal(), effects.bookings(), effects.events(), List.of(),
                List.of(), List.of(), List.of(delivery(0, Trigger.CREATE, AT)))));
    }

    private static JournalEntry rejection(Instant at, OptionalLong siteId, ErrorCode code) {
        return new JournalEntry(0, Fixtures.postbackId(), at, Action.STATUS, Map.of("token", List.of("12-***")), OptionalLong.of(1),
                siteId, OptionalLong.empty(), Outcome.REJECTED, Optional.of(code), code.wireName(), Optional.empty(),
                OptionalLong.empty());
    }
}

package io.postback;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.memory.InMemoryLeadStore;
import io.postback.model.Action;
import io.postback.model.ErrorCode;
import io.postback.model.Lead;
import io.postback.model.Outcome;
import io.postback.spi.Effects;
import io.postback.spi.PostbackObserver;
import io.postback.spi.StoreException;
import io.postback.testing.EngineFixture;
import io.postback.testing.ForwardingLeadStore;
import io.postback.testing.Postbacks;
import io.postback.testing.TestCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The observer SPI and the MDC keys (docs/observability.md). */
class ObservabilityTest {

    /** One call of an observer, with the MDC as the observer saw it. */
    record Call(PostbackObserver.Handled postback, PostbackResult result, Duration took, Map<String, String> mdc) {
    }

    final List<Call> calls = new ArrayList<>();
    final PostbackObserver recorder = (postback, result, took) -> calls.add(new Call(postback, result, took, mdc()));

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void anObserverHearsOfEveryPostbackWithItsSiteResultAndDuration() {
        EngineFixture f = EngineFixture.with(b -> b.observer(recorder));

        PostbackResult created = f.create("token=" + TestCatalog.TOKEN_12 + "&click=c1&exto=e1");
        PostbackResult refused = f.create("token=12-wrong&click=c1&exto=e1");

        assertThat(calls).hasSize(2);
        Call first = calls.get(0);
        assertThat(first.result()).isSameAs(created);
        assertThat(first.postback().action()).isEqualTo(Action.CREATE);
        assertThat(first.postback().run()).isEqualTo(PostbackObserver.Run.LIVE);
        assertThat(first.postback().siteId()).isEqualTo(OptionalLong.of(12));
        assertThat(first.postback().offerId()).isEqualTo(OptionalLong.of(1));
        assertThat(first.postback().receivedAt()).isEqualTo(f.clock.instant());
        assertThat(first.took()).isPositive();
        assertThat(f.store.latestJournal(2)).extracting(e -> e.postbackId())
                .contains(first.postback().postbackId(), calls.get(1).postback().postbackId());

        Call second = calls.get(1);
        assertThat(second.result()).isSameAs(refused);
        assertThat(second.postback().siteId()).isEmpty();
        assertThat(second.postback().offerId()).isEmpty();
        assertThat(second.postback().postbackId()).isNotEqualTo(first.postback().postbackId());
    }

    @Test
    void dryRunsAndReplaysAreToldApart() {
        EngineFixture f = EngineFixture.with(b -> b.observer(recorder));
        f.processor.explain(Postbacks.create("token=" + TestCatalog.TOKEN_12 + "&click=c1&exto=e1"));
        f.processor.replay(Postbacks.create("token=" + TestCatalog.TOKEN_12 + "&click=c1&exto=e1"), 99);

        assertThat(calls).extracting(c -> c.postback().run())
                .containsExactly(PostbackObserver.Run.DRY_RUN, PostbackObserver.Run.REPLAY);
    }

    @Test
    void aFailingObserverNeverChangesTheAnswerAndTheNextObserverIsStillCalled() {
        List<String> order = new ArrayList<>();
        EngineFixture f = EngineFixture.with(b -> b
                .observer((p, r, t) -> order.add("first"))
                .observer((p, r, t) -> {
                    order.add("failing");
                    throw new IllegalStateException("metrics backend down");
                })
                .observer((p, r, t) -> order.add("after the failing one")));

        PostbackResult result = f.create("token=" + TestCatalog.TOKEN_12 + "&click=c1&exto=e1");

        assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(f.store.leadCount()).isEqualTo(1);
        assertThat(order).containsExactly("first", "failing", "after the failing one");
    }

    @Test
    void whileAPostbackIsHandledTheMdcNamesItsSiteLeadAndOutcome() {
        EngineFixture f = EngineFixture.with(b -> b.observer(recorder));
        PostbackResult created = f.create("token=" + TestCatalog.TOKEN_12 + "&click=c1&exto=e1");
        f.status("token=" + TestCatalog.TOKEN_12 + "&click=c1&exto=e1&status=nonsense-word");

        Map<String, String> createdMdc = calls.get(0).mdc();
        assertThat(createdMdc).containsEntry("postback.id", calls.get(0).postback().postbackId())
                .containsEntry("postback.site", "12")
                .containsEntry("postback.lead", Long.toString(created.lead().orElseThrow().id()))
                .containsEntry("postback.outcome", "created")
                .doesNotContainKey("postback.error");
        assertThat(calls.get(1).mdc()).containsEntry("postback.outcome", "rejected")
                .containsEntry("postback.error", ErrorCode.STATUS.wireName())
                .containsEntry("postback.site", "12");
        assertThat(mdc()).isEmpty();
    }

    @Test
    void theStoreAlreadySeesTheSiteAndLeadAndTheCallersMdcIsRestored() {
        InMemoryLeadStore store = new InMemoryLeadStore();
        Map<String, String> seenByStore = new HashMap<>();
        ForwardingLeadStore failingUpdate = new ForwardingLeadStore(store) {
            @Override
            public io.postback.spi.Update update(Lead lead, Effects effects) {
                seenByStore.putAll(mdc());
                throw new StoreException("updating a lead failed on pb_lead (SQLState 08006)");
            }
        };
        EngineFixture f = EngineFixture.fronted(store, failingUpdate, b -> { });
        long leadId = f.create("token=" + TestCatalog.TOKEN_12 + "&click=c1&exto=e1").lead().orElseThrow().id();
        MDC.put("request", "r-1");
        MDC.put("postback.site", "outer");

        PostbackResult failed = f.status("token=" + TestCatalog.TOKEN_12 + "&click=c1&exto=e1&status=approve");

        assertThat(failed).isInstanceOfSatisfying(PostbackResult.Rejected.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.STORE));
        assertThat(seenByStore).containsEntry("postback.site", "12").containsEntry("postback.lead", Long.toString(leadId))
                .containsEntry("request", "r-1").doesNotContainKey("postback.outcome");
        assertThat(mdc()).isEqualTo(Map.of("request", "r-1", "postback.site", "outer"));
    }

    private static Map<String, String> mdc() {
        Map<String, String> copy = MDC.getCopyOfContextMap();
        return copy == null ? Map.of() : new HashMap<>(copy);
    }
}

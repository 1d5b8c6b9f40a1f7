package io.postback;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.model.BookingReason;
import io.postback.model.EventType;
import io.postback.model.LeadEvent;
import io.postback.model.Money;
import io.postback.model.Party;
import io.postback.model.Status;
import io.postback.testing.EngineFixture;
import io.postback.testing.Postbacks;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Rules §9: lead events reach the host's listener after commit. */
class EventsTest {

    private final List<LeadEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private EngineFixture fx;

    EventsTest() {
        fx = EngineFixture.with(b -> b.eventListener(event -> {
            events.add(event);
            // after commit: the listener sees the lead as the event describes it
            fx.store.lead(event.leadId()).ifPresentOrElse(lead -> {
                if (lead.status() != event.status() || !lead.state().goal().equals(event.goal())) {
                    failures.add("event " + event + " ahead of the stored lead " + lead);
                }
            }, () -> failures.add("event for lead " + event.leadId() + " before the lead is stored"));
        }));
    }

    @Test
    void aCreatedLeadIsAnnouncedWithItsId() {
        long id = fx.create("token=12-abc&click=v1").lead().orElseThrow().id();

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.CREATED);
            assertThat(e.leadId()).isEqualTo(id);
            assertThat(e.offerId()).isEqualTo(1);
            assertThat(e.status()).isEqualTo(Status.NEW);
        });
        assertThat(failures).isEmpty();
    }

    @Test
    void statusGoalAndMoneyChangesAreAnnounced() {
        long id = fx.create("token=12-abc&click=v2&exto=o").lead().orElseThrow().id();
        events.clear();

        fx.status("token=12-abc&click=v2&exto=o&status=approved&goal=dep");

        assertThat(events).extracting(LeadEvent::type).containsExactlyInAnyOrder(EventType.STATUS_CHANGED,
                EventType.GOAL_CHANGED, EventType.MONEY_BOOKED, EventType.MONEY_BOOKED);
        assertThat(events).allSatisfy(e -> assertThat(e.leadId()).isEqualTo(id));
        assertThat(events).filteredOn(e -> e.type() == EventType.MONEY_BOOKED)
                .extracting(e -> e.booking().orElseThrow().party() + " " + e.booking().orElseThrow().amount()
                        + " " + e.booking().orElseThrow().reason())
                .containsExactlyInAnyOrder("ADVERTISER " + Money.of("50", "EUR") + " " + BookingReason.APPROVE,
                        "WEBMASTER " + Money.of("30", "EUR") + " " + BookingReason.APPROVE);
        assertThat(failures).isEmpty();
    }

    @Test
    void aCreationInApproveAnnouncesTheBookingsToo() {
        fx.create("token=12-abc&click=v3&status=approved");

        assertThat(events).extracting(LeadEvent::type)
                .containsExactlyInAnyOrder(EventType.CREATED, EventType.MONEY_BOOKED, EventType.MONEY_BOOKED);
        assertThat(events).filteredOn(e -> e.type() == EventType.MONEY_BOOKED)
                .extracting(e -> e.booking().orElseThrow().party())
                .containsExactlyInAnyOrder(Party.ADVERTISER, Party.WEBMASTER);
    }

    @Test
    void postbacksThatChangeNothingAnnounceNothing() {
        fx.create("token=12-abc&click=v4&exto=o&status=approved");
        events.clear();

        fx.create("token=12-abc&click=v4&exto=o");
        fx.status("token=12-abc&click=v4&exto=o&status=ok");
        fx.status("token=12-abc&click=v4&exto=o&status=pending");
        fx.status("token=12-abc&click=v4&exto=o&goal=vip");
        fx.processor.explain(Postbacks.status("token=12-abc&click=v4&exto=o&status=cancelled"));

        assertThat(events).isEmpty();
        assertThat(fx.store.pending(100)).isEmpty();
    }

    @Test
    void aFailingListenerDoesNotFailThePostbackAndItsEventsAreDeliveredLater() {
        List<LeadEvent> delivered = new ArrayList<>();
        boolean[] down = {true};
        EngineFixture f = EngineFixture.with(b -> b.eventListener(event -> {
            if (down[0]) {
                throw new IllegalStateException("listener is down");
            }
            delivered.add(event);
        }));

        PostbackResult result = f.create("token=12-abc&click=v5");
        assertThat(result.lead()).isPresent();
        assertThat(f.store.pending(100)).hasSize(1);

        down[0] = false;
        int count = f.processor.eventRelay().orElseThrow().drain();

        assertThat(count).isEqualTo(1);
        assertThat(delivered).singleElement().extracting(LeadEvent::type).isEqualTo(EventType.CREATED);
        assertThat(f.store.pending(100)).isEmpty();
    }

    @Test
    void withoutAListenerNoEventIsRecordedUnlessAsked() {
        EngineFixture quiet = EngineFixture.standard();
        EngineFixture recording = EngineFixture.with(b -> b.recordEvents(true));

        quiet.create("token=12-abc&click=v6");
        recording.create("token=12-abc&click=v6");

        assertThat(quiet.store.pending(100)).isEmpty();
        assertThat(quiet.processor.eventRelay()).isEmpty();
        assertThat(recording.store.pending(100)).singleElement()
                .satisfies(e -> assertThat(e.event().type()).isEqualTo(EventType.CREATED));
    }
}

package io.postback.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postback.memory.InMemoryOfferCatalog;
import io.postback.model.Lead;
import io.postback.model.OutboundPostback.Trigger;
import io.postback.spi.QueuedDelivery;
import io.postback.testing.EngineFixture;
import io.postback.testing.NetworkCatalog;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rules §15: which lead changes enqueue which outbound postbacks, and the catalog's checks. */
class OutboundEnqueueTest {

    static final String BASE = "https://tracker.example";
    final InMemoryOfferCatalog catalog = NetworkCatalog.read(DispatcherTest.catalog(BASE));
    final EngineFixture f = EngineFixture.standard().sameStore(catalog, b -> { });

    private java.util.List<Trigger> triggers(Lead lead) {
        return f.store.deliveriesOf(lead.id()).stream().map(d -> d.delivery().trigger()).toList();
    }

    @Test
    void eachMatchingEventOfEachMatchingPostbackEnqueuesOneDelivery() {
        Lead mine = f.leadOf(f.create("token=12-abc&click=c1&flow=1234"));
        f.status("token=12-abc&click=c1&status=pending");
        f.status("token=12-abc&click=c1&status=approved");
        f.status("token=12-abc&click=c1&status=approved");
        f.status("token=12-abc&click=c1&status=cancelled");
        Lead others = f.leadOf(f.create("token=12-abc&click=c2&flow=1235"));

        assertThat(triggers(mine)).as("postback 1 is on create, approve and cancel for webmaster 77")
                .containsExactly(Trigger.CREATE, Trigger.APPROVE, Trigger.CANCEL);
        assertThat(triggers(others)).isEmpty();
    }

    @Test
    void goalAndMoneyEventsAndALeadCreatedApprovedSendBothItsEvents() {
        Lead lead = f.leadOf(f.create("token=12-abc&click=c1&flow=1234&goal=dep&status=approved"));
        f.status("token=12-abc&click=c1&wm=45");

        assertThat(f.store.deliveriesOf(lead.id())).extracting(d -> d.delivery().postbackId() + ":" + d.delivery().trigger())
                .containsExactly("1:CREATE", "1:APPROVE", "2:APPROVE", "2:MONEY");
        QueuedDelivery money = f.store.deliveriesOf(lead.id()).get(3);
        assertThat(money.delivery().values()).containsEntry("commission", "45.00").doesNotContainKey("payout");
        assertThat(money.delivery().leadId()).isEqualTo(lead.id());
        assertThat(Dispatcher.render(money.delivery())).isEqualTo(BASE + "/post?cid=c1&lead=" + lead.id() + "&p=45.00");
    }

    @Test
    void aHoldReleaseSendsTheApproval() {
        String json = DispatcherTest.catalog(BASE).replace("{\"id\": \"dep\", \"payout\": \"50\", \"commission\": {\"fixed\": \"30\"}}",
                "{\"id\": \"dep\", \"payout\": \"50\", \"commission\": {\"fixed\": \"30\"}, \"hold_period\": \"PT1H\"}");
        EngineFixture held = EngineFixture.standard().sameStore(NetworkCatalog.read(json), b -> { });
        Lead lead = held.leadOf(held.create("token=12-abc&click=c1&goal=dep&status=approved"));
        assertThat(held.store.deliveriesOf(lead.id())).isEmpty();

        held.clock.advance(Duration.ofHours(2));
        held.processor.releaseDue();

        assertThat(held.store.deliveriesOf(lead.id())).extracting(d -> d.delivery().trigger()).containsExactly(Trigger.APPROVE);
    }

    @Test
    void eventIdsAreUniquePerDelivery() {
        for (int i = 0; i < 50; i++) {
            f.create("token=12-abc&click=c" + i + "&flow=1234&status=approved");
        }
        assertThat(f.leads().stream().flatMap(l -> f.store.deliveriesOf(l.id()).stream()).map(d -> d.delivery().eventId())
                .distinct().count()).isEqualTo(100);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "s={status}|s={payout}|postback 1: unknown macro {payout}",
            "\"on\": [\"create\", \"approve\", \"cancel\"]|\"on\": [\"create\", \"paid\"]|postback 1: 'on' names unknown event 'paid'",
            "\"method\": \"GET\"|\"method\": \"PUT\"|postback 1: 'method' must be GET or POST, not 'PUT'",
            "\"goal\": \"dep\"|\"goal\": \"vip\"|postback 2: 'goal' vip is not a goal of offer 1",
            "{\"id\": 1, \"offer\": 1,|{\"id\": 1, \"offer\": 9,|postback 1: 'offer' 9 is not an offer of the catalog",
            "{\"id\": 1, \"offer\": 1, \"webmaster\": 77,|{\"id\": 1, \"webmaster\": 77,|postback 1: macro {field.sub1} names no declared field",
            "\"url\": \"BASE/post|\"url\": \"ftp://x/post|postback 2: the url must be http or https",
    })
    void aMalformedPostbackFailsTheLoadNamingItAndTheFault(String valid, String broken, String message) {
        String json = DispatcherTest.catalog("BASE_URL").replace("BASE_URL", BASE);
        String validText = valid.replace("BASE", BASE);
        assertThat(json).contains(validText);

        assertThatThrownBy(() -> NetworkCatalog.read(json.replace(validText, broken)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void aSigningSecretIsMaskedLikeEverySecretOfTheCatalog() {
        assertThat(catalog.secrets()).contains("s3cret-outbound");
        assertThat(catalog.outboundPostback(2).orElseThrow().toString()).doesNotContain("s3cret-outbound");
    }
}

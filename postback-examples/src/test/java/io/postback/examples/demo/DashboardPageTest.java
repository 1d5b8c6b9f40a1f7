package io.postback.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.PostbackProcessor;
import io.postback.PostbackRequest;
import io.postback.memory.InMemoryLeadStore;
import io.postback.model.Action;
import io.postback.model.OutboundPostback;
import io.postback.spi.Delivery;
import io.postback.spi.DeliveryAttempt;
import io.postback.spi.QueuedDelivery;
import io.postback.testing.TestCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DashboardPageTest {

    private final InMemoryLeadStore store = new InMemoryLeadStore();
    private final PostbackProcessor processor = PostbackProcessor.builder(store, TestCatalog.create()).build();

    @Test
    void every_value_from_a_sender_is_escaped() {
        processor.handle(PostbackRequest.fromQuery(Action.CREATE,
                "token=12-abc&click=%3Cscript%3Ealert(1)%3C/script%3E&exto=a%22b'c&note=%3Cimg%20src=x%3E"));
        processor.handle(PostbackRequest.fromQuery(Action.CREATE, "token=12-abc&click=x&goal=%3Cb%3E"));

        String html = DashboardPage.render(store.latestLeads(20), store.latestJournal(30));

        assertThat(html).doesNotContain("<script>", "<img", "<b>", "a\"b")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "a&quot;b&#39;c", "note=&lt;img src=x&gt;",
                        "unknown goal &#39;&lt;b&gt;&#39;");
    }

    @Test
    void leads_show_status_goal_and_money_and_the_journal_shows_outcomes_with_the_token_masked() {
        processor.handle(PostbackRequest.fromQuery(Action.CREATE, "token=12-abc&click=c1&goal=dep"));
        processor.handle(PostbackRequest.fromQuery(Action.STATUS, "token=12-abc&click=c1&status=approved"));

        String html = DashboardPage.render(store.latestLeads(20), store.latestJournal(30));

        assertThat(html).contains("<td>approve</td><td>dep</td><td class=\"num\">50.00 EUR</td><td class=\"num\">30.00 EUR</td>")
                .contains("<td>created</td>", "<td>updated</td>", "token=12-***")
                .doesNotContain("12-abc");
    }

    @Test
    void outbound_postbacks_received_and_dead_letters_are_shown_escaped_and_signing_secrets_never() {
        WebmasterTracker tracker = new WebmasterTracker(List.of("tracker-secret"), Clock.systemUTC());
        tracker.receive("GET", "cid=%3Cscript%3E&sub1=a%26b%3Dc%23d%20%C3%A9", null);
        tracker.receive("POST", "cid=c2", "t=1,v1=00");
        DeliveryAttempt refused = DeliveryAttempt.failed(Instant.EPOCH, "refused: <host> is private", Duration.ZERO);
        Delivery delivery = new Delivery(7, "ev-<1>", 3, 12, OutboundPostback.Trigger.CREATE, OutboundPostback.Method.GET,
                "https://tracker.example/pb?c={click}", Map.of(), Instant.EPOCH);
        QueuedDelivery dead = new QueuedDelivery(delivery, QueuedDelivery.State.DEAD, 1, Optional.empty(),
                refused.error());

        String html = DashboardPage.render(List.of(), List.of(),
                new DashboardPage.Outbound("sent <now>", tracker.latest(), List.of(dead)));

        assertThat(html).contains("sent &lt;now&gt;", "<td>POST</td><td>cid=c2</td><td>cid=c2</td><td>invalid</td>",
                        "<td>cid=&lt;script&gt; sub1=a&amp;b=c#d é</td><td>cid=%3Cscript%3E&amp;sub1=a%26b%3Dc%23d%20%C3%A9</td><td>none</td>",
                        "<td class=\"num\">7</td><td class=\"num\">12</td><td class=\"num\">3</td><td>ev-&lt;1&gt;</td>",
                        "refused: &lt;host&gt; is private")
                .doesNotContain("<script>", "tracker-secret");
        assertThat(DashboardPage.render(List.of(), List.of())).doesNotContain("Outbound");
    }

    @Test
    void an_empty_store_says_so() {
        assertThat(DashboardPage.render(store.latestLeads(20), store.latestJournal(30)))
                .contains("No lead yet.", "No postback yet.");
    }
}

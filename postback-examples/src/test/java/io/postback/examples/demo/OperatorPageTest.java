package io.postback.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.PostbackProcessor;
import io.postback.PostbackRequest;
import io.postback.memory.InMemoryLeadStore;
import io.postback.model.Action;
import io.postback.model.ErrorCode;
import io.postback.model.Lead;
import io.postback.model.OutboundPostback;
import io.postback.spi.Delivery;
import io.postback.spi.DeliveryAttempt;
import io.postback.spi.QueuedDelivery;
import io.postback.spi.RejectionCount;
import io.postback.testing.TestCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The pages of the operator's window as rendered (docs/operator-page.md): escaped, and never a secret. */
class OperatorPageTest {

    /** A template someone wrote a password, a key and a token into: the page shows its scheme and host only. */
    private static final String LEAKY_TEMPLATE = "https://user:pw-in-url@Tracker.example:8443/pb/KEY-IN-PATH?token=12-abc&c={click}";

    private final InMemoryLeadStore store = new InMemoryLeadStore();
    private final PostbackProcessor processor = PostbackProcessor.builder(store, TestCatalog.create()).build();

    @Test
    void a_leads_page_shows_it_with_its_journal_and_ledger_and_masks_the_token() {
        Lead lead = processor.handle(PostbackRequest.fromQuery(Action.CREATE, "token=12-abc&click=c%3Cb%3E&exto=e1&goal=dep"))
                .lead().orElseThrow();
        processor.handle(PostbackRequest.fromQuery(Action.STATUS, "token=12-abc&click=c%3Cb%3E&exto=e1&status=approved"));

        String html = LeadPage.render(new LeadPage.View(store.lead(lead.id()).orElseThrow(), store.journalOf(lead.id(), 10),
                store.ledger(lead.id()), List.of()), false);

        assertThat(html).contains("<th>status</th><td>approve</td>", "<th>click</th><td>c&lt;b&gt;</td>",
                        "<td>advertiser</td><td class=\"num\">50.00 EUR</td>", "<td>webmaster</td><td class=\"num\">30.00 EUR</td>",
                        "token=12-***", "No delivery.")
                .doesNotContain("12-abc", "<b>", "id=\"logout\"");
    }

    @Test
    void replays_and_corrections_are_marked_with_the_operator_and_reason() {
        Lead lead = processor.handle(PostbackRequest.fromQuery(Action.CREATE, "token=12-abc&click=c1&exto=e1")).lead().orElseThrow();
        var entry = store.journalOf(lead.id(), 1).get(0);
        var correction = new io.postback.model.JournalEntry(0, "p-corr", Instant.EPOCH, Action.CORRECT,
                Map.of("operator", List.of("ana<i>"), "reason", List.of("advertiser said so")), OptionalLong.of(1),
                OptionalLong.empty(), OptionalLong.of(lead.id()), io.postback.model.Outcome.UPDATED, Optional.empty(), "lead updated",
                Optional.empty(), OptionalLong.of(entry.id()));

        String html = LeadPage.render(new LeadPage.View(lead, List.of(correction, entry), List.of(), List.of()), true);

        assertThat(html).contains("replay of #" + entry.id() + "; correction by ana&lt;i&gt;: advertiser said so", "id=\"logout\"");
    }

    @Test
    void a_delivery_shows_its_destination_host_and_attempts_never_the_rest_of_its_url() {
        Delivery delivery = new Delivery(7, "ev-1", 3, 1, OutboundPostback.Trigger.APPROVE, OutboundPostback.Method.GET,
                LEAKY_TEMPLATE, Map.of("click", "c1"), Instant.EPOCH);
        QueuedDelivery retrying = new QueuedDelivery(delivery, QueuedDelivery.State.PENDING, 1, Optional.of(Instant.EPOCH),
                Optional.of("HTTP 503"));
        Lead lead = processor.handle(PostbackRequest.fromQuery(Action.CREATE, "token=12-abc&click=c1")).lead().orElseThrow();

        String leadPage = LeadPage.render(new LeadPage.View(lead, List.of(), List.of(), List.of(new LeadPage.DeliveryView(retrying,
                List.of(DeliveryAttempt.answered(Instant.EPOCH, 503, Duration.ofMillis(12)))))), false);
        StringBuilder front = new StringBuilder();
        WatchSections.render(front, watch(List.of(), List.of(retrying), List.of()));

        for (String html : List.of(leadPage, front.toString())) {
            assertThat(html).contains("https://tracker.example:8443")
                    .doesNotContain("12-abc", "pw-in-url", "KEY-IN-PATH", "user:", "{click}");
        }
        assertThat(leadPage).contains("HTTP 503", "12 ms", "<td>approve</td>");
        assertThat(front.toString()).contains("<td>https://tracker.example:8443</td><td class=\"num\">1</td><td class=\"num\">0</td>");
    }

    @Test
    void rejections_are_counted_per_site_and_error_over_the_hour_and_the_day() {
        List<RejectionCount> hour = List.of(new RejectionCount(OptionalLong.of(12), ErrorCode.STATUS, 2));
        List<RejectionCount> day = List.of(new RejectionCount(OptionalLong.of(12), ErrorCode.STATUS, 5),
                new RejectionCount(OptionalLong.empty(), ErrorCode.TOKEN, 9));
        StringBuilder html = new StringBuilder();

        WatchSections.render(html, new WatchSections.Watch(Instant.EPOCH, hour, day, 1000, List.of(), List.of(), List.of(), List.of()));

        assertThat(html.toString()).contains(
                "<td class=\"num\">none</td><td>token</td><td class=\"num\">0</td><td class=\"num\">9</td>",
                "<td class=\"num\">12</td><td>status</td><td class=\"num\">2</td><td class=\"num\">5</td>",
                "No held lead is due", "The catalog has no cap.")
                .doesNotContain("there may be more");
        assertThat(html.toString().indexOf("token")).as("the most rejected first").isLessThan(html.toString().indexOf("status"));
    }

    @Test
    void a_search_shows_what_it_found_and_escapes_the_query() {
        processor.handle(PostbackRequest.fromQuery(Action.CREATE, "token=12-abc&click=shared&exto=x1"));
        processor.handle(PostbackRequest.fromQuery(Action.CREATE, "token=12-abc&click=shared&exto=x2"));

        String found = SearchPage.render("shared", store.leadsOfClick("shared", 10), false);
        String nothing = SearchPage.render("<script>", List.of(), false);

        assertThat(found).contains("2 lead(s)", "<a href=\"/lead?id=1\">1</a>", "<a href=\"/lead?id=2\">2</a>");
        assertThat(nothing).contains("&lt;script&gt;", "No lead has this id, click or exto.").doesNotContain("<script>");
    }

    private static WatchSections.Watch watch(List<RejectionCount> day, List<QueuedDelivery> retrying, List<QueuedDelivery> dead) {
        return new WatchSections.Watch(Instant.EPOCH, List.of(), day, 1000, retrying, dead, List.of(), List.of());
    }
}

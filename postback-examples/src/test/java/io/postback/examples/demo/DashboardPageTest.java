package io.postback.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.PostbackProcessor;
import io.postback.PostbackRequest;
import io.postback.memory.InMemoryLeadStore;
import io.postback.model.Action;
import io.postback.testing.TestCatalog;
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
    void an_empty_store_says_so() {
        assertThat(DashboardPage.render(store.latestLeads(20), store.latestJournal(30)))
                .contains("No lead yet.", "No postback yet.");
    }
}

package io.postback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postback.model.LeadState;
import io.postback.model.Outcome;
import io.postback.spi.LeadEventListener;
import io.postback.testing.EngineFixture;
import io.postback.testing.Postbacks;
import io.postback.testing.StoreSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rules §8's dry run: the decision handle would make, its trace, and nothing written. */
class ExplainTest {

    private final List<io.postback.model.LeadEvent> events = new ArrayList<>();
    private final EngineFixture fx = EngineFixture.with(b -> b.eventListener(events::add));

    private void given(String... creates) {
        for (String query : creates) {
            fx.create(query);
        }
        events.clear();
    }

    private static String comparable(PostbackResult result) {
        if (result instanceof PostbackResult.Rejected r) {
            return r.code() + ": " + r.message();
        }
        LeadState s = result.lead().orElseThrow().state();
        return result.outcome() + " " + s.status() + " " + s.goal() + " " + s.payout() + " " + s.payoutSource() + " "
                + s.commission() + " " + s.commissionSource() + " " + s.comment();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "CREATE token=12-abc&click=e1&goal=ftd&pay=70",
        "CREATE token=12-abc&click=e2&exto=o2",
        "STATUS token=12-abc&click=e2&exto=o2&status=Lead_OK&goal=rs",
        "STATUS token=12-abc&click=e2&exto=o2&status=new",
        "STATUS token=12-abc&click=e3&status=approved&auto=1&pay=3",
        "STATUS token=12-abc&click=e3&status=approved",
        "STATUS token=12-abc&click=e4&exto=o4&status=pending",
        "STATUS token=12-abc&click=e4&exto=o4&status=approved&time=50",
        "STATUS token=12-abc&click=e4&exto=o4&comment=same",
        "CREATE token=12-abc&click=e5&goal=vip",
        "CREATE token=12-nope&click=e5",
        "STATUS token=12-abc&flow=1234&status=ok",
    })
    void explainGivesTheDecisionHandleThenMakesAndWritesNothing(String line) {
        given("token=12-abc&click=e2&exto=o2", "token=12-abc&click=e4&exto=o4&status=approved&time=100&comment=same");
        String[] parts = line.split(" ", 2);
        PostbackRequest request = parts[0].equals("CREATE") ? Postbacks.create(parts[1]) : Postbacks.status(parts[1]);
        StoreSnapshot before = fx.snapshot();

        Explanation explanation = fx.processor.explain(request);

        assertThat(fx.snapshot()).as("explain writes no lead, ledger or journal entry").isEqualTo(before);
        assertThat(fx.store.pending(100)).isEmpty();
        assertThat(events).isEmpty();

        PostbackResult handled = fx.handle(request);

        assertThat(comparable(explanation.result())).isEqualTo(comparable(handled));
        if (handled.outcome() != Outcome.CREATED && handled.outcome() != Outcome.REJECTED) {
            assertThat(explanation.result().lead().orElseThrow().id()).isEqualTo(handled.lead().orElseThrow().id());
        }
    }

    private String trace(Explanation explanation) {
        return explanation.steps().stream().map(s -> s.step() + ": " + s.detail()).collect(Collectors.joining("\n"));
    }

    @Test
    void theTraceNamesTheSiteTheKeyTheStatusRuleTheGoalAliasAndTheAmounts() {
        given("token=12-abc&click=t1&exto=o1");

        Explanation e = fx.processor.explain(Postbacks.status(
                "token=12-abc&click=t1&exto=o1&status=done&sta=Done&goal=ftd&pay=60"));

        String trace = trace(e);
        assertThat(trace).contains("site 12").contains("offer 1");
        assertThat(trace).contains("(click, exto)");
        assertThat(trace).contains("'sta' list");
        assertThat(trace).contains("alias 'ftd'");
        assertThat(trace).contains("payout: 60.00 EUR from 'pay'");
        assertThat(trace).contains("commission: 30.00 EUR");
        assertThat(trace).contains("advertiser 60.00 EUR (approve)");
    }

    @Test
    void theTraceReadsTheSameWhateverTheDefaultLocale() {
        given("token=12-abc&click=t7&flow=1234&goal=rs");
        java.util.Locale saved = java.util.Locale.getDefault();
        java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
        try {
            String trace = trace(fx.processor.explain(Postbacks.status("token=12-abc&click=t7&status=approved&pay=100")));

            // Turkish rules lower-case 'I' to a dotless 'ı'
            assertThat(trace).contains("advertiser 100.00 EUR (approve)").contains("kept (individual_rate)");
        } finally {
            java.util.Locale.setDefault(saved);
        }
    }

    @Test
    void theTraceSaysWhenTheDictionaryOrASiteAliasGaveTheStatus() {
        given("token=12-abc&click=t2");

        assertThat(trace(fx.processor.explain(Postbacks.status("token=12-abc&click=t2&status=Approved"))))
                .contains("dictionary word 'approved'");
        assertThat(trace(fx.processor.explain(Postbacks.status("token=12-abc&click=t2&status=LEAD_OK"))))
                .contains("site alias 'leadok'");
    }

    @Test
    void theTraceOfARejectionSaysWhy() {
        Explanation e = fx.processor.explain(Postbacks.create("token=12-abc&click=t3&goal=vip"));

        assertThat(e.result().isRejected()).isTrue();
        assertThat(trace(e)).contains("rejected: goal");
    }

    @Test
    void theExplanationSerialisesAsADryRunWithTheResultAndTheTrace() throws Exception {
        JsonNode json = new ObjectMapper().readTree(
                fx.processor.explain(Postbacks.create("token=12-abc&click=t4&goal=deposit")).toJson());

        assertThat(json.get("dry_run").asBoolean()).isTrue();
        assertThat(json.get("status").asText()).isEqualTo("ok");
        assertThat(json.get("goal").asText()).isEqualTo("dep");
        assertThat(json.get("trace").isArray()).isTrue();
        assertThat(json.get("trace").get(0).get("step").asText()).isEqualTo("site");
    }

    @Test
    void theTraceNeverShowsTheTokensKey() {
        Explanation e = fx.processor.explain(Postbacks.create("token=12-abc&click=t5"));

        assertThat(e.toJson()).doesNotContain("12-abc");
        assertThat(trace(e)).doesNotContain("abc");
    }

    @Test
    void explainWorksWithoutAListenerToo() {
        EngineFixture quiet = EngineFixture.with(b -> b.eventListener(LeadEventListener.NONE));

        assertThat(quiet.processor.explain(Postbacks.create("token=12-abc&click=t6")).result().outcome())
                .isEqualTo(Outcome.CREATED);
        assertThat(quiet.leads()).isEmpty();
    }
}

package io.postback;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.memory.InMemoryOfferCatalog;
import io.postback.model.Action;
import io.postback.model.ErrorCode;
import io.postback.model.Goal;
import io.postback.model.JournalEntry;
import io.postback.model.Offer;
import io.postback.model.Outcome;
import io.postback.model.Site;
import io.postback.model.WebmasterRate;
import io.postback.testing.EngineFixture;
import io.postback.testing.Postbacks;
import io.postback.testing.TestCatalog;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Rules §9: one journal entry per postback, with the token masked, and secrets nowhere. */
class JournalTest {

    private final EngineFixture fx = EngineFixture.standard();

    @Test
    void everyHandledPostbackHasExactlyOneEntryWithItsOutcome() {
        String[][] postbacks = {
            {"CREATE", "token=12-abc&click=j1&exto=o&time=100", "CREATED"},
            {"CREATE", "token=12-abc&click=j1&exto=o", "DUPLICATE"},
            {"STATUS", "token=12-abc&click=j1&exto=o&status=approved", "UPDATED"},
            {"STATUS", "token=12-abc&click=j1&exto=o&status=ok", "UNCHANGED"},
            {"STATUS", "token=12-abc&click=j1&exto=o&status=pending", "STALE"},
            {"STATUS", "token=12-abc&click=j1&exto=o&status=cancelled&time=50", "STALE"},
            {"STATUS", "token=12-abc&click=j2&status=cancelled", "REJECTED"},
            {"CREATE", "token=12-abc&click=%zz", "REJECTED"},
            {"CREATE", "token=99-abc&click=j3", "REJECTED"},
            {"STATUS", "token=12-abc&click=j4&status=approved&auto=1", "CREATED"},
        };
        for (String[] p : postbacks) {
            int before = fx.journal().size();

            PostbackResult result = fx.handle(PostbackRequest.fromQuery(Action.valueOf(p[0]), p[1]));

            assertThat(fx.journal()).as(p[1]).hasSize(before + 1);
            JournalEntry entry = fx.lastJournal();
            assertThat(entry.outcome()).as(p[1]).isEqualTo(Outcome.valueOf(p[2])).isEqualTo(result.outcome());
            assertThat(entry.action()).isEqualTo(Action.valueOf(p[0]));
            assertThat(entry.receivedAt()).isEqualTo(fx.clock.instant());
            if (result.isRejected()) {
                assertThat(entry.error()).contains(((PostbackResult.Rejected) result).code());
                assertThat(entry.message()).isEqualTo(((PostbackResult.Rejected) result).message());
                assertThat(entry.leadId()).isEmpty();
            } else {
                assertThat(entry.error()).isEmpty();
                assertThat(entry.leadId()).isEqualTo(OptionalLong.of(result.lead().orElseThrow().id()));
            }
        }
        assertThat(fx.journal()).extracting(JournalEntry::id).doesNotHaveDuplicates();
    }

    @Test
    void theEntryKnowsTheSiteAndOfferOnceTheTokenIsAccepted() {
        fx.create("token=13-xyz&click=j5");
        JournalEntry accepted = fx.lastJournal();
        fx.create("token=13-xyz&click=j5&goal=vip");
        JournalEntry rejectedLater = fx.lastJournal();
        fx.create("token=13-bad&click=j5");
        JournalEntry badToken = fx.lastJournal();

        assertThat(accepted.siteId()).isEqualTo(OptionalLong.of(13));
        assertThat(accepted.offerId()).isEqualTo(OptionalLong.of(2));
        assertThat(rejectedLater.offerId()).isEqualTo(OptionalLong.of(2));
        assertThat(badToken.siteId()).isEmpty();
        assertThat(badToken.offerId()).isEmpty();
    }

    @Test
    void theParametersAreKeptAsReceivedWithTheTokenMasked() {
        fx.create("token=12-abc&click=j6&sub1=a&sub1=b&comment=Caf%C3%A9");

        Map<String, List<String>> params = fx.lastJournal().params();
        assertThat(params).containsEntry("token", List.of("12-***"))
                .containsEntry("click", List.of("j6"))
                .containsEntry("sub1", List.of("a", "b"))
                .containsEntry("comment", List.of("Café"));
    }

    @Test
    void aWrongTokenIsMaskedTooAndSignaturesAreDropped() {
        fx.create("token=12-guess&click=j7&sig=0123456789abcdef");
        fx.create("token=not-a-site-token&click=j7");

        List<JournalEntry> journal = fx.journal();
        assertThat(journal.get(0).params()).containsEntry("token", List.of("12-***")).doesNotContainKey("sig");
        assertThat(journal.get(1).params()).containsEntry("token", List.of("***"));
    }

    @Test
    void aTokenSentUnderAMisspelledCaseIsMaskedAsWell() {
        // 'Token' is not the token parameter (names are case-sensitive), but it carries the key all the same
        fx.create("Token=12-abc&click=j9");
        fx.create("TOKEN=12-abc&SIG=0123456789abcdef&click=j9");

        List<JournalEntry> journal = fx.journal();
        assertThat(journal.get(0).outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(journal.get(0).params()).containsEntry("Token", List.of("12-***"));
        assertThat(journal.get(1).params()).containsEntry("TOKEN", List.of("12-***")).doesNotContainKey("SIG");
    }

    @Test
    void theRemoteAddressIsJournaled() {
        fx.handle(Postbacks.create("token=12-abc&click=j8").withRemoteAddress("203.0.113.7"));

        assertThat(fx.lastJournal().remoteAddress()).contains("203.0.113.7");
    }

    @Test
    void theSecretNeverAppearsInResultsMessagesTracesOrTheJournal() {
        String key = "Zq7-secret-key-91";
        InMemoryOfferCatalog catalog = InMemoryOfferCatalog.builder()
                .offer(TestCatalog.create().offer(1).orElseThrow())
                .site(Site.of(15, 1, key))
                .build();
        EngineFixture f = EngineFixture.standard().sameStore(catalog, b -> { });
        String token = "15-" + key;
        String[] queries = {
            "token=" + token + "&click=s1&exto=o",
            "token=" + token + "&click=s1&exto=o",
            "token=" + token + "&click=s1&exto=o&status=ok",
            "token=" + token + "&click=s1&exto=o&status=nope",
            "token=" + token + "&click=s1&goal=nope",
            "token=" + token + "x&click=s1",
            "token=" + token + "&token=" + token + "x&click=s1",
            "token=" + token + "%01&click=s1",
            "token=" + token + "&click=s1&pay=1e3",
            "token=" + token + "&sig=" + key,
        };
        List<String> seen = new ArrayList<>();
        for (String q : queries) {
            for (Action action : Action.values()) {
                PostbackRequest request = PostbackRequest.fromQuery(action, q);
                seen.add(f.processor.explain(request).toJson());
                PostbackResult result = f.handle(request);
                seen.add(result.toJson());
                seen.add(result.toString());
                JournalEntry entry = f.lastJournal();
                seen.add(entry.toString());
            }
        }
        f.leads().forEach(lead -> seen.add(lead.toString()));
        catalog.sites().forEach(site -> seen.add(site.toString()));

        assertThat(seen).noneMatch(text -> text.contains(key) || text.contains("secret-key"));
    }

    @Test
    void aRejectedPostbackCanBeReplayedAfterTheCatalogIsFixed() {
        fx.create("token=12-abc&click=r1&goal=vip");
        JournalEntry rejected = fx.store.rejectedAfter(0, 10).get(0);
        assertThat(rejected.error()).contains(ErrorCode.GOAL);

        Offer fixed = new Offer(1, "Casino", Currency.getInstance("EUR"), List.of(
                Goal.of("reg", "10", WebmasterRate.fixed("4")),
                Goal.of("vip", "500", WebmasterRate.fixed("200"))), "reg");
        EngineFixture later = fx.sameStore(InMemoryOfferCatalog.builder().offer(fixed).site(Site.of(12, 1, "abc")).build(),
                b -> { });
        // the journal masks the key: the host puts the site's token back before replaying
        Map<String, String[]> params = new LinkedHashMap<>();
        rejected.params().forEach((name, values) -> params.put(name, values.toArray(String[]::new)));
        params.put("token", new String[] {"12-abc"});

        PostbackResult result = later.processor.replay(PostbackRequest.fromParameterMap(rejected.action(), params),
                rejected.id());

        assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(later.leadOf(result).state().goal()).isEqualTo("vip");
        assertThat(fx.store.replayed(rejected.id())).isTrue();
        assertThat(fx.lastJournal().replayOf()).isEqualTo(OptionalLong.of(rejected.id()));
    }
}

package io.postback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postback.model.Action;
import io.postback.model.ClickInfo;
import io.postback.model.ErrorCode;
import io.postback.model.Lead;
import io.postback.model.Outcome;
import io.postback.model.Status;
import io.postback.spi.ClickResolver;
import io.postback.testing.EngineFixture;
import io.postback.testing.StoreSnapshot;
import io.postback.testing.TestCatalog;
import io.postback.memory.InMemoryLeadStore;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rules §2: tokens, the global token and the hard scope of an offer. */
class AuthenticationTest {

    /** Clicks the host's tracker knows: k1 of offer 1 through flow 1235, k2 of offer 2 through flow 2001. */
    static final ClickResolver TRACKER = click -> Optional.ofNullable(Map.of(
            "k1", new ClickInfo(1, 1235, 78),
            "k2", new ClickInfo(2, 2001, 77)).get(click));

    static final String GLOBAL = "host-wide-key-0123456789";

    private final EngineFixture fx = EngineFixture.standard();

    private PostbackResult.Rejected rejected(EngineFixture f, Action action, String query) {
        StoreSnapshot before = f.snapshot();
        PostbackResult result = f.handle(PostbackRequest.fromQuery(action, query));
        assertThat(result).as(query).isInstanceOf(PostbackResult.Rejected.class);
        assertThat(f.snapshot().sameLeadsAs(before)).as("a rejected postback changes no lead").isTrue();
        return (PostbackResult.Rejected) result;
    }

    @Nested
    class SiteTokens {

        @Test
        void aSiteTokenBindsTheLeadToTheSitesOffer() {
            Lead of12 = fx.leadOf(fx.create("token=12-abc&click=t1"));
            Lead of13 = fx.leadOf(fx.create("token=13-xyz&click=t1"));

            assertThat(of12.offerId()).isEqualTo(1);
            assertThat(of12.siteId()).isEqualTo(OptionalLong.of(12));
            assertThat(of13.offerId()).isEqualTo(2);
            assertThat(of13.siteId()).isEqualTo(OptionalLong.of(13));
        }

        @Test
        void aMissingTokenIsATokenError() {
            assertThat(rejected(fx, Action.CREATE, "click=t1").code()).isEqualTo(ErrorCode.TOKEN);
        }

        @ParameterizedTest
        @ValueSource(strings = {"12", "12-", "-abc", "x-abc", "12x-abc", "1 2-abc", "12-abd", "12-ab", "12-abcd", "12-ABC",
            "99-abc", "13-abc", "12-xyz", "1234567890123456789-abc", "abc"})
        void unknownOrMalformedTokensAreTokenErrors(String token) {
            PostbackResult.Rejected r = rejected(fx, Action.CREATE, "click=t1&token=" + token);

            assertThat(r.code()).isEqualTo(ErrorCode.TOKEN);
            assertThat(r.message()).doesNotContain(TestCatalog.KEY_12).doesNotContain(TestCatalog.KEY_13);
        }

        @Test
        void theTokenIsCheckedBeforeAnythingElse() {
            // a wrong token must not learn whether its click, goal or status would have been accepted
            assertThat(rejected(fx, Action.CREATE, "token=12-zzz&click=t1&goal=nope&status=nope").code())
                    .isEqualTo(ErrorCode.TOKEN);
        }
    }

    @Nested
    class GlobalToken {

        private final EngineFixture global = EngineFixture.with(b -> b.globalToken(GLOBAL).clickResolver(TRACKER));

        @Test
        void aGlobalTokenHasAtLeastSixteenCharacters() {
            PostbackProcessor.Builder builder = PostbackProcessor.builder(new InMemoryLeadStore(), TestCatalog.create());

            assertThatThrownBy(() -> builder.globalToken("x".repeat(15))).isInstanceOf(IllegalArgumentException.class);
            assertThat(builder.globalToken("x".repeat(16)).build()).isNotNull();
        }

        @Test
        void theOfferComesFromTheFlow() {
            Lead lead = global.leadOf(global.create("token=" + GLOBAL + "&flow=2001&exto=g1"));

            assertThat(lead.offerId()).isEqualTo(2);
            assertThat(lead.siteId()).isEmpty();
            assertThat(lead.flowId()).isEqualTo(OptionalLong.of(2001));
        }

        @Test
        void theOfferComesFromTheFlowCode() {
            assertThat(global.leadOf(global.create("token=" + GLOBAL + "&code=5FAC-D4E8")).offerId()).isEqualTo(1);
        }

        @Test
        void withoutAFlowTheOfferComesFromTheClickResolver() {
            Lead lead = global.leadOf(global.create("token=" + GLOBAL + "&click=k2&exto=g2"));

            assertThat(lead.offerId()).isEqualTo(2);
            assertThat(lead.flowId()).isEqualTo(OptionalLong.of(2001));
            assertThat(lead.webmasterId()).isEqualTo(OptionalLong.of(77));
        }

        @Test
        void aClickTheTrackerDoesNotKnowGivesNoOffer() {
            assertThat(rejected(global, Action.CREATE, "token=" + GLOBAL + "&click=unknown").code()).isEqualTo(ErrorCode.CLICK);
        }

        @Test
        void neitherFlowNorClickGivesNoOffer() {
            assertThat(rejected(global, Action.CREATE, "token=" + GLOBAL + "&exto=g3").code()).isEqualTo(ErrorCode.CLICK);
        }

        @Test
        void aFlowAndAClickOfDifferentOffersAreRefused() {
            assertThat(rejected(global, Action.CREATE, "token=" + GLOBAL + "&flow=1234&click=k2").code())
                    .isEqualTo(ErrorCode.CLICK);
        }

        @Test
        void anUnknownFlowIsAFlowError() {
            assertThat(rejected(global, Action.CREATE, "token=" + GLOBAL + "&flow=999").code()).isEqualTo(ErrorCode.FLOW);
        }

        @Test
        void theStatusPostbackWithTheGlobalTokenFindsTheLeadOfThatOffer() {
            long id = global.create("token=" + GLOBAL + "&click=k1&exto=g4").lead().orElseThrow().id();

            PostbackResult result = global.status("token=" + GLOBAL + "&click=k1&exto=g4&status=approved");

            assertThat(result.outcome()).isEqualTo(Outcome.UPDATED);
            assertThat(global.lead(id).status()).isEqualTo(Status.APPROVE);
        }

        @Test
        void siteTokensKeepWorkingBesideIt() {
            assertThat(global.create("token=12-abc&click=k1").outcome()).isEqualTo(Outcome.CREATED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"host-wide-key-012345678", "host-wide-key-01234567890", "HOST-WIDE-KEY-0123456789"})
        void anythingButTheExactGlobalTokenIsATokenError(String token) {
            assertThat(rejected(global, Action.CREATE, "token=" + token + "&flow=1234").code()).isEqualTo(ErrorCode.TOKEN);
        }

        @Test
        void withoutAConfiguredGlobalTokenNoneIsAccepted() {
            assertThat(rejected(fx, Action.CREATE, "token=" + GLOBAL + "&flow=1234").code()).isEqualTo(ErrorCode.TOKEN);
        }

        @Test
        void theJournalNeverShowsTheGlobalToken() {
            global.create("token=" + GLOBAL + "&flow=1234");
            global.create("token=" + GLOBAL + "&click=unknown");

            assertThat(global.journal()).hasSize(2).allSatisfy(entry -> {
                assertThat(entry.params().get("token")).noneMatch(t -> t.contains(GLOBAL));
                assertThat(entry.siteId()).isEmpty();
            });
        }
    }

    @Nested
    class Scope {

        private final EngineFixture tracked = EngineFixture.with(b -> b.clickResolver(TRACKER));

        @Test
        void theSameClickAndExtoInTwoOffersAreTwoLeads() {
            PostbackResult a = fx.create("token=12-abc&click=x1&exto=o1");
            PostbackResult b = fx.create("token=13-xyz&click=x1&exto=o1");

            assertThat(a.outcome()).isEqualTo(Outcome.CREATED);
            assertThat(b.outcome()).isEqualTo(Outcome.CREATED);
            assertThat(fx.leadOf(a).id()).isNotEqualTo(fx.leadOf(b).id());
        }

        @Test
        void aStatusOfOfferBNeverFindsTheLeadOfOfferA() {
            long id = fx.create("token=12-abc&click=x2&exto=o2").lead().orElseThrow().id();
            Lead before = fx.lead(id);

            assertThat(rejected(fx, Action.STATUS, "token=13-xyz&click=x2&exto=o2&status=approved").code())
                    .isEqualTo(ErrorCode.LEAD);
            assertThat(rejected(fx, Action.STATUS, "token=13-xyz&click=x2&status=approved").code())
                    .isEqualTo(ErrorCode.LEAD);
            assertThat(fx.lead(id)).isEqualTo(before);
        }

        @Test
        void autoCreationForOfferBLeavesTheLeadOfOfferAAlone() {
            long a = fx.create("token=12-abc&click=x3&exto=o3").lead().orElseThrow().id();
            Lead before = fx.lead(a);

            PostbackResult result = fx.status("token=13-xyz&click=x3&exto=o3&status=approved&auto=1");

            assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
            assertThat(fx.leadOf(result).offerId()).isEqualTo(2);
            assertThat(fx.lead(a)).isEqualTo(before);
        }

        @Test
        void theFlowKeyIsPerOfferToo() {
            long a = fx.create("token=12-abc&flow=1234&exto=o4").lead().orElseThrow().id();
            PostbackResult b = fx.create("token=13-xyz&flow=2001&exto=o4");

            assertThat(b.outcome()).isEqualTo(Outcome.CREATED);
            assertThat(fx.leadOf(b).id()).isNotEqualTo(a);
        }

        @Test
        void aFlowOrCodeOfAnotherOfferIsAFlowError() {
            assertThat(rejected(fx, Action.CREATE, "token=13-xyz&flow=1234&exto=o5").code()).isEqualTo(ErrorCode.FLOW);
            assertThat(rejected(fx, Action.CREATE, "token=12-abc&code=OTHER-1").code()).isEqualTo(ErrorCode.FLOW);
            assertThat(rejected(fx, Action.STATUS, "token=13-xyz&code=5FAC-D4E8&exto=o5&status=ok").code())
                    .isEqualTo(ErrorCode.FLOW);
        }

        @Test
        void aClickTheTrackerGivesToAnotherOfferIsAClickError() {
            assertThat(rejected(tracked, Action.CREATE, "token=12-abc&click=k2").code()).isEqualTo(ErrorCode.CLICK);
            assertThat(rejected(tracked, Action.STATUS, "token=13-xyz&click=k1&status=approved&auto=1").code())
                    .isEqualTo(ErrorCode.CLICK);
        }

        @Test
        void aClickTheTrackerGivesToTheTokensOfferIsAttributedToItsFlow() {
            Lead lead = tracked.leadOf(tracked.create("token=12-abc&click=k1"));

            assertThat(lead.flowId()).isEqualTo(OptionalLong.of(1235));
            assertThat(lead.webmasterId()).isEqualTo(OptionalLong.of(78));
        }
    }
}

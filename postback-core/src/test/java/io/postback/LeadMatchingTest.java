package io.postback;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.model.Action;
import io.postback.model.ClickInfo;
import io.postback.model.ErrorCode;
import io.postback.model.Lead;
import io.postback.model.Outcome;
import io.postback.model.Status;
import io.postback.testing.EngineFixture;
import io.postback.testing.StoreSnapshot;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Rules §3: lead identity, duplicates and how a STATUS postback finds its lead. */
class LeadMatchingTest {

    private final EngineFixture fx = EngineFixture.standard();

    private static long id(PostbackResult result) {
        return result.lead().orElseThrow(() -> new AssertionError("rejected: " + result.toJson())).id();
    }

    private ErrorCode rejection(EngineFixture f, Action action, String query) {
        StoreSnapshot before = f.snapshot();
        PostbackResult result = f.handle(PostbackRequest.fromQuery(action, query));
        assertThat(result).as(query).isInstanceOf(PostbackResult.Rejected.class);
        assertThat(f.snapshot().sameLeadsAs(before)).isTrue();
        return ((PostbackResult.Rejected) result).code();
    }

    @Nested
    class CreateWithExto {

        @Test
        void aRepeatIsADuplicateThatChangesNothing() {
            long id = id(fx.create("token=12-abc&click=c1&exto=o1"));
            StoreSnapshot before = fx.snapshot();

            PostbackResult again = fx.create("token=12-abc&click=c1&exto=o1");

            assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE);
            assertThat(again.lead()).contains(fx.lead(id));
            assertThat(fx.snapshot().sameLeadsAs(before)).isTrue();
        }

        @Test
        void aDuplicateCarryingAnotherStatusGoalOrMoneyStillLeavesTheLeadAsItIs() {
            long id = id(fx.create("token=12-abc&click=c2&exto=o2"));
            Lead before = fx.lead(id);

            PostbackResult again = fx.create("token=12-abc&click=c2&exto=o2&status=approved&goal=dep&pay=99&comment=x");

            assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE);
            assertThat(again.lead()).contains(before);
            assertThat(fx.lead(id)).isEqualTo(before);
            assertThat(fx.ledger(id)).isEmpty();
        }

        @Test
        void anotherExtoOfTheSameClickIsAnotherLead() {
            long first = id(fx.create("token=12-abc&click=c3&exto=o1"));
            PostbackResult second = fx.create("token=12-abc&click=c3&exto=o2");

            assertThat(second.outcome()).isEqualTo(Outcome.CREATED);
            assertThat(id(second)).isNotEqualTo(first);
        }

        @Test
        void theSameExtoOnAnotherClickIsAnotherLead() {
            long first = id(fx.create("token=12-abc&click=c4&exto=o1"));

            assertThat(id(fx.create("token=12-abc&click=c5&exto=o1"))).isNotEqualTo(first);
        }

        @Test
        void flowAndExtoWorkAsClickAndExto() {
            long id = id(fx.create("token=12-abc&flow=1234&exto=o5"));

            PostbackResult byFlow = fx.create("token=12-abc&flow=1234&exto=o5");
            PostbackResult byCode = fx.create("token=12-abc&code=5FAC-D4E8&exto=o5");
            PostbackResult otherFlow = fx.create("token=12-abc&flow=1235&exto=o5");

            assertThat(byFlow.outcome()).isEqualTo(Outcome.DUPLICATE);
            assertThat(byCode.outcome()).isEqualTo(Outcome.DUPLICATE);
            assertThat(id(byCode)).isEqualTo(id);
            assertThat(otherFlow.outcome()).isEqualTo(Outcome.CREATED);
        }

        @Test
        void clickAndExtoAndFlowAndExtoAreSeparateKeys() {
            long byClick = id(fx.create("token=12-abc&click=c6&flow=1234&exto=o6"));

            PostbackResult byFlow = fx.create("token=12-abc&flow=1234&exto=o6");
            fx.status("token=12-abc&flow=1234&exto=o6&status=approved");

            assertThat(byFlow.outcome()).isEqualTo(Outcome.CREATED);
            assertThat(id(byFlow)).isNotEqualTo(byClick);
            assertThat(fx.lead(id(byFlow)).status()).isEqualTo(Status.APPROVE);
            assertThat(fx.lead(byClick).status()).isEqualTo(Status.NEW);
        }
    }

    @Nested
    class CreateWithAClickAlone {

        @Test
        void byDefaultEveryCreateIsANewLead() {
            PostbackResult first = fx.create("token=12-abc&click=d1");
            PostbackResult second = fx.create("token=12-abc&click=d1");

            assertThat(second.outcome()).isEqualTo(Outcome.CREATED);
            assertThat(id(second)).isNotEqualTo(id(first));
        }

        @Test
        void oneLeadPerClickMakesLaterCreatesDuplicates() {
            EngineFixture once = EngineFixture.with(b -> b.duplicatePolicy(DuplicatePolicy.onePerClick()));
            long id = id(once.create("token=12-abc&click=d2"));
            once.clock.advance(Duration.ofDays(400));

            PostbackResult again = once.create("token=12-abc&click=d2&status=approved");

            assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE);
            assertThat(id(again)).isEqualTo(id);
            assertThat(once.lead(id).status()).isEqualTo(Status.NEW);
            assertThat(once.create("token=12-abc&click=d3").outcome()).isEqualTo(Outcome.CREATED);
        }

        @Test
        void oneLeadPerClickCountsALeadCreatedWithExto() {
            EngineFixture once = EngineFixture.with(b -> b.duplicatePolicy(DuplicatePolicy.onePerClick()));
            long id = id(once.create("token=12-abc&click=d4&exto=o1"));

            PostbackResult clickAlone = once.create("token=12-abc&click=d4");
            PostbackResult otherExto = once.create("token=12-abc&click=d4&exto=o2");

            assertThat(clickAlone.outcome()).isEqualTo(Outcome.DUPLICATE);
            assertThat(id(clickAlone)).isEqualTo(id);
            assertThat(otherExto.outcome()).as("with exto the pair decides").isEqualTo(Outcome.CREATED);
        }

        @Test
        void oneLeadPerClickIsPerOffer() {
            EngineFixture once = EngineFixture.with(b -> b.duplicatePolicy(DuplicatePolicy.onePerClick()));
            once.create("token=12-abc&click=d5");

            assertThat(once.create("token=13-xyz&click=d5").outcome()).isEqualTo(Outcome.CREATED);
        }

        @Test
        void aTimeWindowMakesCreatesWithinItDuplicates() {
            EngineFixture windowed = EngineFixture.with(b -> b.duplicatePolicy(DuplicatePolicy.window(Duration.ofHours(1))));
            long first = id(windowed.create("token=12-abc&click=w1"));

            windowed.clock.advance(Duration.ofMinutes(59).plusSeconds(59));
            PostbackResult within = windowed.create("token=12-abc&click=w1");
            windowed.clock.advance(Duration.ofSeconds(1));
            PostbackResult after = windowed.create("token=12-abc&click=w1");
            windowed.clock.advance(Duration.ofMinutes(30));
            PostbackResult withinTheNewOne = windowed.create("token=12-abc&click=w1");

            assertThat(within.outcome()).isEqualTo(Outcome.DUPLICATE);
            assertThat(id(within)).isEqualTo(first);
            assertThat(after.outcome()).as("an hour after the first lead").isEqualTo(Outcome.CREATED);
            assertThat(withinTheNewOne.outcome()).isEqualTo(Outcome.DUPLICATE);
            assertThat(id(withinTheNewOne)).isEqualTo(id(after));
            assertThat(windowed.leads()).hasSize(2);
        }

        @Test
        void theWindowDoesNotReachOtherClicks() {
            EngineFixture windowed = EngineFixture.with(b -> b.duplicatePolicy(DuplicatePolicy.window(Duration.ofHours(1))));
            windowed.create("token=12-abc&click=w2");

            assertThat(windowed.create("token=12-abc&click=w3").outcome()).isEqualTo(Outcome.CREATED);
        }

        @Test
        void theClickPoliciesDoNotApplyToFlowsAlone() {
            EngineFixture once = EngineFixture.with(b -> b.duplicatePolicy(DuplicatePolicy.onePerClick()));
            once.create("token=12-abc&flow=1234");

            assertThat(once.create("token=12-abc&flow=1234").outcome()).isEqualTo(Outcome.CREATED);
        }
    }

    @Nested
    class Identification {

        @Test
        void aFlowAloneCreatesANewLeadEachTime() {
            long first = id(fx.create("token=12-abc&flow=1234"));

            assertThat(id(fx.create("token=12-abc&code=5FAC-D4E8"))).isNotEqualTo(first);
        }

        @Test
        void noClickFlowOrCodeIsAClickError() {
            assertThat(rejection(fx, Action.CREATE, "token=12-abc&exto=o1&goal=dep")).isEqualTo(ErrorCode.CLICK);
            assertThat(rejection(fx, Action.STATUS, "token=12-abc&exto=o1&status=approved")).isEqualTo(ErrorCode.CLICK);
        }

        @Test
        void withAClickAndAFlowTheClickKeysTheLeadAndTheFlowAttributesIt() {
            long id = id(fx.create("token=12-abc&click=i1&flow=1235&exto=o1"));

            Lead lead = fx.lead(id);
            assertThat(lead.click()).contains("i1");
            assertThat(lead.flowId()).isEqualTo(OptionalLong.of(1235));
            assertThat(lead.webmasterId()).isEqualTo(OptionalLong.of(78));
            assertThat(fx.status("token=12-abc&click=i1&exto=o1&status=ok").outcome()).isEqualTo(Outcome.UPDATED);
        }

        @Test
        void theTrackersFlowOfAClickWinsOverTheFlowParameter() {
            EngineFixture tracked = EngineFixture.with(b -> b.clickResolver(
                    click -> click.equals("i2") ? Optional.of(new ClickInfo(1, 1234, 77)) : Optional.empty()));

            Lead lead = tracked.leadOf(tracked.create("token=12-abc&click=i2&flow=1235"));

            assertThat(lead.flowId()).isEqualTo(OptionalLong.of(1234));
            assertThat(lead.webmasterId()).isEqualTo(OptionalLong.of(77));
        }

        @Test
        void aFlowSentWithAClickMustStillBelongToTheOffer() {
            assertThat(rejection(fx, Action.CREATE, "token=12-abc&click=i3&flow=2001")).isEqualTo(ErrorCode.FLOW);
        }
    }

    @Nested
    class StatusFindsItsLead {

        @Test
        void byClickAndExto() {
            long a = id(fx.create("token=12-abc&click=s1&exto=o1"));
            long b = id(fx.create("token=12-abc&click=s1&exto=o2"));

            fx.status("token=12-abc&click=s1&exto=o1&status=approved");

            assertThat(fx.lead(a).status()).isEqualTo(Status.APPROVE);
            assertThat(fx.lead(b).status()).isEqualTo(Status.NEW);
        }

        @Test
        void byClickAloneTheNewestLeadOfTheClick() {
            long older = id(fx.create("token=12-abc&click=s2"));
            long newer = id(fx.create("token=12-abc&click=s2&exto=o3"));

            PostbackResult result = fx.status("token=12-abc&click=s2&status=approved");

            assertThat(id(result)).isEqualTo(newer);
            assertThat(fx.lead(newer).status()).isEqualTo(Status.APPROVE);
            assertThat(fx.lead(older).status()).isEqualTo(Status.NEW);
        }

        @Test
        void byFlowAndExtoOrCodeAndExto() {
            long id = id(fx.create("token=12-abc&flow=1234&exto=o4"));

            fx.status("token=12-abc&flow=1234&exto=o4&status=hold");
            assertThat(fx.lead(id).status()).isEqualTo(Status.HOLD);
            fx.status("token=12-abc&code=5FAC-D4E8&exto=o4&status=approved");
            assertThat(fx.lead(id).status()).isEqualTo(Status.APPROVE);
        }

        @Test
        void aFlowWithoutExtoCannotAddressALead() {
            fx.create("token=12-abc&flow=1234");

            assertThat(rejection(fx, Action.STATUS, "token=12-abc&flow=1234&status=approved")).isEqualTo(ErrorCode.LEAD);
            assertThat(rejection(fx, Action.STATUS, "token=12-abc&code=5FAC-D4E8&status=approved&auto=1"))
                    .isEqualTo(ErrorCode.LEAD);
        }

        @Test
        void noMatchingLeadIsALeadErrorAndCreatesNothing() {
            fx.create("token=12-abc&click=s5&exto=o5");

            assertThat(rejection(fx, Action.STATUS, "token=12-abc&click=s5&exto=o6&status=approved")).isEqualTo(ErrorCode.LEAD);
            assertThat(rejection(fx, Action.STATUS, "token=12-abc&click=s6&status=approved")).isEqualTo(ErrorCode.LEAD);
            assertThat(fx.leads()).hasSize(1);
        }
    }

    @Nested
    class StatusResolvingToNew {

        @Test
        void withExtoItIsACreateAndItsRepeatADuplicate() {
            PostbackResult created = fx.status("token=12-abc&click=n1&exto=o1&status=created");
            PostbackResult repeated = fx.status("token=12-abc&click=n1&exto=o1&status=new");

            assertThat(created.outcome()).isEqualTo(Outcome.CREATED);
            assertThat(repeated.outcome()).isEqualTo(Outcome.DUPLICATE);
            assertThat(id(repeated)).isEqualTo(id(created));
        }

        @Test
        void itNeverMovesALeadBackToNew() {
            long id = id(fx.create("token=12-abc&click=n2&exto=o2&status=approved"));
            Lead before = fx.lead(id);

            PostbackResult result = fx.status("token=12-abc&click=n2&exto=o2&status=new");

            assertThat(result.outcome()).isEqualTo(Outcome.DUPLICATE);
            assertThat(fx.lead(id)).isEqualTo(before);
        }

        @Test
        void itNeverMovesAnUndecidedLeadBackToNewEither() {
            long id = id(fx.create("token=12-abc&click=n3&exto=o3&status=pending"));

            fx.status("token=12-abc&click=n3&exto=o3&status=lead_new&stn=lead_new");

            assertThat(fx.lead(id).status()).isEqualTo(Status.WAIT);
        }

        @Test
        void withAClickAloneItCreatesAnotherLeadAsTheCreateEndpointDoes() {
            long first = id(fx.create("token=12-abc&click=n4"));

            PostbackResult result = fx.status("token=12-abc&click=n4&status=new");

            assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
            assertThat(id(result)).isNotEqualTo(first);
        }

        @Test
        void unlessTheDuplicatePolicySaysOtherwise() {
            EngineFixture once = EngineFixture.with(b -> b.duplicatePolicy(DuplicatePolicy.onePerClick()));
            long first = id(once.create("token=12-abc&click=n5"));

            PostbackResult result = once.status("token=12-abc&click=n5&status=new");

            assertThat(result.outcome()).isEqualTo(Outcome.DUPLICATE);
            assertThat(id(result)).isEqualTo(first);
        }

        @Test
        void withAFlowAloneItCreatesLikeTheCreateEndpoint() {
            assertThat(fx.status("token=12-abc&flow=1234&status=new").outcome()).isEqualTo(Outcome.CREATED);
        }
    }

    @Nested
    class Auto {

        @Test
        void autoCreatesInTheResolvedStatusWithItsGoalAndMoney() {
            PostbackResult result = fx.status("token=12-abc&click=a1&exto=o1&status=hold&goal=ftd&pay=70&auto=1");

            Lead lead = fx.leadOf(result);
            assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
            assertThat(lead.status()).isEqualTo(Status.HOLD);
            assertThat(lead.state().goal()).isEqualTo("dep");
            assertThat(lead.state().payout().amount()).isEqualByComparingTo("70");
        }

        @Test
        void autoWithoutStatusCreatesANewLead() {
            assertThat(fx.leadOf(fx.status("token=12-abc&click=a2&auto=1")).status()).isEqualTo(Status.NEW);
        }

        @Test
        void anAutoCreatedLeadHasItsKey() {
            long id = id(fx.status("token=12-abc&click=a3&exto=o3&status=approved&auto=1"));

            PostbackResult create = fx.create("token=12-abc&click=a3&exto=o3");

            assertThat(create.outcome()).isEqualTo(Outcome.DUPLICATE);
            assertThat(id(create)).isEqualTo(id);
        }

        @Test
        void autoOnAnExistingLeadChangesIt() {
            long id = id(fx.create("token=12-abc&click=a4&exto=o4"));

            PostbackResult result = fx.status("token=12-abc&click=a4&exto=o4&status=approved&auto=1");

            assertThat(result.outcome()).isEqualTo(Outcome.UPDATED);
            assertThat(id(result)).isEqualTo(id);
            assertThat(fx.leads()).hasSize(1);
        }
    }
}

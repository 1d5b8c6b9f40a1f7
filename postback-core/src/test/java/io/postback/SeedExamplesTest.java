package io.postback;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.model.AmountSource;
import io.postback.model.ErrorCode;
import io.postback.model.ExchangeRate;
import io.postback.model.Lead;
import io.postback.model.Money;
import io.postback.model.Outcome;
import io.postback.model.Party;
import io.postback.model.Status;
import io.postback.testing.EngineFixture;
import io.postback.testing.Postbacks;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every example URL of the seed's "advanced postbacks" page, sent with real values in place of
 * its macros, and the behaviour the page describes around it.
 */
class SeedExamplesTest {

    private final EngineFixture fx = EngineFixture.standard();

    private PostbackResult send(String url) {
        return fx.handle(Postbacks.fromUrl(url));
    }

    @Test
    void theLiteralExampleUrlsStillHoldingMacrosAreRejectedNamingTheMacro() {
        PostbackResult result = send("https://domain.com/api/site/click.json?token=12-abc&click={click}&exto={lead_id}");

        assertThat(result.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(((PostbackResult.Rejected) result).code()).isEqualTo(ErrorCode.PARAM);
        assertThat(((PostbackResult.Rejected) result).message()).contains("{click}");
        assertThat(fx.leads()).isEmpty();
    }

    @Nested
    class WorkingWithDuplicates {

        static final String URL = "https://domain.com/api/site/click.json?token=12-abc&click=7f3a9c&exto=ORD-1001";

        @Test
        void theSameClickAndUniqueIdCreateOneLead() {
            PostbackResult first = send(URL);
            PostbackResult second = send(URL);

            assertThat(first.outcome()).isEqualTo(Outcome.CREATED);
            assertThat(second.outcome()).isEqualTo(Outcome.DUPLICATE);
            assertThat(second.lead().orElseThrow().id()).isEqualTo(first.lead().orElseThrow().id());
            assertThat(fx.leads()).hasSize(1);
            Lead lead = fx.leadOf(first);
            assertThat(lead.click()).contains("7f3a9c");
            assertThat(lead.exto()).contains("ORD-1001");
        }

        @Test
        void anotherUniqueIdOnTheSameClickIsASeparateLead() {
            PostbackResult first = send(URL);
            PostbackResult second = send("https://domain.com/api/site/click.json?token=12-abc&click=7f3a9c&exto=ORD-1002");

            assertThat(second.outcome()).isEqualTo(Outcome.CREATED);
            assertThat(second.lead().orElseThrow().id()).isNotEqualTo(first.lead().orElseThrow().id());
            assertThat(fx.leads()).hasSize(2);
        }

        @Test
        void theStatusChangeFindsExactlyTheLeadWithThatClickAndUniqueId() {
            long first = send(URL).lead().orElseThrow().id();
            long second = send("https://domain.com/api/site/click.json?token=12-abc&click=7f3a9c&exto=ORD-1002")
                    .lead().orElseThrow().id();

            PostbackResult result = send(
                    "https://domain.com/api/site/status.json?token=12-abc&click=7f3a9c&exto=ORD-1001&status=approved");

            assertThat(result.outcome()).isEqualTo(Outcome.UPDATED);
            assertThat(fx.lead(first).status()).isEqualTo(Status.APPROVE);
            assertThat(fx.lead(second).status()).isEqualTo(Status.NEW);
        }

        @Test
        void aStatusChangeForAnUnknownUniqueIdOfAKnownClickFindsNothing() {
            send(URL);

            PostbackResult result = send(
                    "https://domain.com/api/site/status.json?token=12-abc&click=7f3a9c&exto=ORD-9999&status=approved");

            assertThat(((PostbackResult.Rejected) result).code()).isEqualTo(ErrorCode.LEAD);
            assertThat(fx.leads()).singleElement().extracting(Lead::status).isEqualTo(Status.NEW);
        }
    }

    @Nested
    class WorkingWithGoals {

        @Test
        void theGoalParameterTakesTheMainIdOrAnyAlias() {
            Lead byMainId = fx.leadOf(send("https://domain.com/api/site/click.json?token=12-abc&click=g1&goal=dep"));
            Lead byAlias = fx.leadOf(send("https://domain.com/api/site/click.json?token=12-abc&click=g2&goal=deposit"));
            Lead byOtherAlias = fx.leadOf(send("https://domain.com/api/site/click.json?token=12-abc&click=g3&goal=ftd"));
            Lead registration = fx.leadOf(send("https://domain.com/api/site/click.json?token=12-abc&click=g4&goal=registration"));

            assertThat(byMainId.state().goal()).isEqualTo("dep");
            assertThat(byAlias.state().goal()).isEqualTo("dep");
            assertThat(byOtherAlias.state().goal()).isEqualTo("dep");
            assertThat(registration.state().goal()).isEqualTo("reg");
            // the catalog's rules for dep: payout 50, CPA 30; for reg: payout 10, CPA 4
            assertThat(byAlias.state().payout()).isEqualTo(Money.of("50", "EUR"));
            assertThat(byAlias.state().commission()).isEqualTo(Money.of("30", "EUR"));
            assertThat(registration.state().payout()).isEqualTo(Money.of("10", "EUR"));
            assertThat(registration.state().commission()).isEqualTo(Money.of("4", "EUR"));
        }

        @Test
        void theGoalCanBeSentWithAStatusChangeToo() {
            send("https://domain.com/api/site/click.json?token=12-abc&click=g5&goal=reg");

            PostbackResult result = send("https://domain.com/api/site/status.json?token=12-abc&click=g5&goal=revshare");

            assertThat(result.outcome()).isEqualTo(Outcome.UPDATED);
            assertThat(fx.leadOf(result).state().goal()).isEqualTo("rs");
        }

        @Test
        void changingTheGoalOfAnApprovedLeadRecalculatesItsCommissions() {
            long id = send("https://domain.com/api/site/click.json?token=12-abc&click=g6&goal=registration&status=approved")
                    .lead().orElseThrow().id();
            assertThat(fx.booked(id, Party.WEBMASTER)).isEqualTo(Money.of("4", "EUR"));

            send("https://domain.com/api/site/status.json?token=12-abc&click=g6&goal=deposit");

            Lead lead = fx.lead(id);
            assertThat(lead.state().payout()).isEqualTo(Money.of("50", "EUR"));
            assertThat(lead.state().commission()).isEqualTo(Money.of("30", "EUR"));
            assertThat(fx.booked(id, Party.ADVERTISER)).isEqualTo(Money.of("50", "EUR"));
            assertThat(fx.booked(id, Party.WEBMASTER)).isEqualTo(Money.of("30", "EUR"));
        }
    }

    @Nested
    class SpecialStatusNames {

        @Test
        void theExampleWithAnApproveListApprovesTheLead() {
            send("https://domain.com/api/site/click.json?token=12-abc&click=s1");

            PostbackResult result = send(
                    "https://domain.com/api/site/status.json?token=12-abc&click=s1&status=lead_ok&sta=lead_ok");

            assertThat(result.outcome()).isEqualTo(Outcome.UPDATED);
            assertThat(fx.leadOf(result).status()).isEqualTo(Status.APPROVE);
        }

        @Test
        void theListIsWhatRecognisesAWordTheSiteHasNoAliasFor() {
            // site 13 has no status aliases: only the sta list makes lead_ok an approval there
            fx.handle(Postbacks.fromUrl("https://domain.com/api/site/click.json?token=13-xyz&click=s2"));

            PostbackResult without = send("https://domain.com/api/site/status.json?token=13-xyz&click=s2&status=lead_ok");
            PostbackResult with = send("https://domain.com/api/site/status.json?token=13-xyz&click=s2&status=lead_ok&sta=lead_ok");

            assertThat(((PostbackResult.Rejected) without).code()).isEqualTo(ErrorCode.STATUS);
            assertThat(with.outcome()).isEqualTo(Outcome.UPDATED);
            assertThat(fx.leadOf(with).status()).isEqualTo(Status.APPROVE);
        }

        @Test
        void severalStatusesAtOnceSeparatedByCommas() {
            send("https://domain.com/api/site/click.json?token=13-xyz&click=s3");
            send("https://domain.com/api/site/click.json?token=13-xyz&click=s4");

            PostbackResult first = send(
                    "https://domain.com/api/site/status.json?token=13-xyz&click=s3&status=lead_ok&sta=lead_ok,sold,paid_out");
            PostbackResult second = send(
                    "https://domain.com/api/site/status.json?token=13-xyz&click=s4&status=sold&sta=lead_ok,sold,paid_out");

            assertThat(fx.leadOf(first).status()).isEqualTo(Status.APPROVE);
            assertThat(fx.leadOf(second).status()).isEqualTo(Status.APPROVE);
        }

        @Test
        void withoutAMatchInTheListsTheStatusIsRecognisedAutomatically() {
            send("https://domain.com/api/site/click.json?token=12-abc&click=s5");

            PostbackResult result = send(
                    "https://domain.com/api/site/status.json?token=12-abc&click=s5&status=declined&sta=lead_ok");

            assertThat(fx.leadOf(result).status()).isEqualTo(Status.CANCEL);
        }
    }

    @Nested
    class SinglePostbackForAllStatuses {

        static final String NEW_LEAD = "https://domain.com/api/site/status.json?token=12-abc&click=u1&status=new&stn=new";

        @Test
        void theStatusPostbackCreatesTheLeadWhenItsStatusIsInStn() {
            PostbackResult result = send(NEW_LEAD);

            assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
            assertThat(fx.leadOf(result).status()).isEqualTo(Status.NEW);
            assertThat(fx.leadOf(result).click()).contains("u1");
        }

        @Test
        void theSamePostbackWithALaterStatusChangesThatLead() {
            long id = send(NEW_LEAD).lead().orElseThrow().id();

            PostbackResult result = send("https://domain.com/api/site/status.json?token=12-abc&click=u1&status=approved&stn=new");

            assertThat(result.outcome()).isEqualTo(Outcome.UPDATED);
            assertThat(result.lead().orElseThrow().id()).isEqualTo(id);
            assertThat(fx.lead(id).status()).isEqualTo(Status.APPROVE);
            assertThat(fx.leads()).hasSize(1);
        }

        @Test
        void theAdvertisersWordForNewLeadsMayBePending() {
            PostbackResult result = send("https://domain.com/api/site/status.json?token=12-abc&click=u2&status=pending&stn=pending");

            assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
            assertThat(fx.leadOf(result).status()).isEqualTo(Status.NEW);
        }

        @Test
        void stnCreatesOnlyWhenTheStatusMatchesIt() {
            PostbackResult result = send("https://domain.com/api/site/status.json?token=12-abc&click=u3&status=approved&stn=new");

            assertThat(((PostbackResult.Rejected) result).code()).isEqualTo(ErrorCode.LEAD);
            assertThat(fx.leads()).isEmpty();
        }

        @Test
        void autoCreatesTheLeadDirectlyInTheSentStatus() {
            PostbackResult result = send("https://domain.com/api/site/status.json?token=12-abc&click=u4&status=approved&auto=1");

            assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
            Lead lead = fx.leadOf(result);
            assertThat(lead.status()).isEqualTo(Status.APPROVE);
            assertThat(fx.booked(lead.id(), Party.ADVERTISER)).isEqualTo(lead.state().payout());
        }

        @Test
        void autoDoesNotCreateWhenTheClickAlreadyHasALead() {
            long id = send("https://domain.com/api/site/click.json?token=12-abc&click=u5").lead().orElseThrow().id();

            PostbackResult result = send("https://domain.com/api/site/status.json?token=12-abc&click=u5&status=approved&auto=1");

            assertThat(result.outcome()).isEqualTo(Outcome.UPDATED);
            assertThat(result.lead().orElseThrow().id()).isEqualTo(id);
            assertThat(fx.leads()).hasSize(1);
        }
    }

    @Nested
    class SpecialCommissionForAdvertiser {

        @Test
        void payKeepsTheAdvertisersRealPayoutAndLeavesTheWebmasterCommission() {
            PostbackResult result = send("https://domain.com/api/site/click.json?token=12-abc&click=p1&pay=12.50&cc=EUR");

            Lead lead = fx.leadOf(result);
            assertThat(lead.state().payout()).isEqualTo(Money.of("12.50", "EUR"));
            assertThat(lead.state().payoutSource()).isEqualTo(AmountSource.PAY);
            assertThat(lead.state().commission()).isEqualTo(Money.of("4", "EUR")); // reg's CPA, untouched by pay
            assertThat(lead.state().commissionSource()).isEqualTo(AmountSource.GOAL);
        }

        @Test
        void payAndWmTogetherSetBothCommissions() {
            PostbackResult result = send("https://domain.com/api/site/click.json?token=12-abc&click=p2&pay=80&wm=25&cc=eur");

            Lead lead = fx.leadOf(result);
            assertThat(lead.state().payout()).isEqualTo(Money.of("80", "EUR"));
            assertThat(lead.state().commission()).isEqualTo(Money.of("25", "EUR"));
            assertThat(lead.state().commissionSource()).isEqualTo(AmountSource.WM);
        }

        @Test
        void ccOfAnotherCurrencyIsConvertedWithTheHostsRates() {
            Instant asOf = Instant.parse("2024-01-01T00:00:00Z");
            EngineFixture converting = EngineFixture.with(b -> b.currencyConverter((from, to, at) ->
                    from.getCurrencyCode().equals("USD") && to.getCurrencyCode().equals("EUR")
                            ? Optional.of(new ExchangeRate(from, to, new BigDecimal("0.9"), "test-bank", asOf))
                            : Optional.empty()));

            PostbackResult result = converting.handle(
                    Postbacks.fromUrl("https://domain.com/api/site/click.json?token=12-abc&click=p3&pay=20&cc=USD"));

            Lead lead = converting.leadOf(result);
            assertThat(lead.state().payout()).isEqualTo(Money.of("18", "EUR"));
            assertThat(lead.state().conversion()).hasValueSatisfying(c -> {
                assertThat(c.from()).isEqualTo(Currency.getInstance("USD"));
                assertThat(c.rate()).isEqualByComparingTo("0.9");
                assertThat(c.source()).isEqualTo("test-bank");
            });
        }
    }

    @Nested
    class WorkingWithoutClickId {

        @Test
        void theFlowIdExampleCreatesALeadOfThatFlow() {
            PostbackResult result = send("https://domain.com/api/site/click.json?token=12-abc&flow=1234");

            assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
            Lead lead = fx.leadOf(result);
            assertThat(lead.flowId()).isEqualTo(OptionalLong.of(1234));
            assertThat(lead.webmasterId()).isEqualTo(OptionalLong.of(77));
            assertThat(lead.click()).isEmpty();
        }

        @Test
        void theFlowCodeExampleCreatesALeadOfTheFlowWithThatCode() {
            PostbackResult result = send("https://domain.com/api/site/click.json?token=12-abc&code=5FAC-D4E8");

            assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
            assertThat(fx.leadOf(result).flowId()).isEqualTo(OptionalLong.of(1234));
        }

        @Test
        void withoutAUniqueIdEveryFlowPostbackIsANewLead() {
            send("https://domain.com/api/site/click.json?token=12-abc&flow=1234");
            send("https://domain.com/api/site/click.json?token=12-abc&flow=1234");

            assertThat(fx.leads()).hasSize(2);
        }

        @Test
        void withAUniqueIdTheFlowAndIdCreateAndThenChangeTheLead() {
            PostbackResult created = send("https://domain.com/api/site/click.json?token=12-abc&flow=1234&exto=APP-1");
            PostbackResult again = send("https://domain.com/api/site/click.json?token=12-abc&code=5FAC-D4E8&exto=APP-1");
            PostbackResult approved = send("https://domain.com/api/site/status.json?token=12-abc&flow=1234&exto=APP-1&status=approved");
            PostbackResult byCode = send("https://domain.com/api/site/status.json?token=12-abc&code=5FAC-D4E8&exto=APP-1&status=cancelled");

            long id = created.lead().orElseThrow().id();
            assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE);
            assertThat(again.lead().orElseThrow().id()).isEqualTo(id);
            assertThat(approved.outcome()).isEqualTo(Outcome.UPDATED);
            assertThat(byCode.outcome()).isEqualTo(Outcome.UPDATED);
            assertThat(fx.lead(id).status()).isEqualTo(Status.CANCEL);
            assertThat(fx.leads()).hasSize(1);
        }
    }
}

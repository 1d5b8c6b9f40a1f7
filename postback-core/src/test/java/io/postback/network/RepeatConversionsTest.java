package io.postback.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.PostbackResult;
import io.postback.model.BookingReason;
import io.postback.model.Lead;
import io.postback.model.Outcome;
import io.postback.model.Party;
import io.postback.model.Status;
import io.postback.testing.EngineFixture;
import io.postback.testing.NetworkCatalog;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Rules §12: what a second conversion of a goal for one click means. */
class RepeatConversionsTest {

    final EngineFixture f = NetworkCatalog.engine();

    @Test
    void addGrowsTheClicksLeadOfTheGoalAndAnswersWhatItAdded() {
        Lead first = f.leadOf(f.create("token=12-abc&click=c1&exto=d1&goal=dep&pay=100"));

        PostbackResult rebill = f.create("token=12-abc&click=c1&exto=d2&goal=dep&pay=40");

        assertThat(rebill.outcome()).isEqualTo(Outcome.UPDATED);
        Lead lead = f.leadOf(rebill);
        assertThat(lead.id()).isEqualTo(first.id());
        assertThat(lead.state().payout().amount()).isEqualByComparingTo("140");
        assertThat(lead.state().commission().amount()).as("revshare 50% of each payout").isEqualByComparingTo("70");
        assertThat(rebill.toJson()).contains("\"result\":\"updated\"").contains("\"added\":{\"payout\":\"40.00\",\"commission\":\"20.00\"}");
        assertThat(f.leads()).hasSize(1);
    }

    @Test
    void anAdditionWithoutPayAddsTheGoalsPayoutAndCommissionRule() {
        f.create("token=12-abc&click=c1&exto=d1&goal=dep");

        Lead lead = f.leadOf(f.create("token=12-abc&click=c1&goal=dep"));

        assertThat(lead.state().payout().amount()).isEqualByComparingTo("60");
        assertThat(lead.state().commission().amount()).isEqualByComparingTo("30");
        assertThat(lead.state().added().payout().amount()).isEqualByComparingTo("30");
    }

    @Test
    void theRepeatsExtoBecomesAKeyOfTheLeadSoTheSameRepeatAddsOnce() {
        f.create("token=12-abc&click=c1&exto=d1&goal=dep&pay=100");
        f.create("token=12-abc&click=c1&exto=d2&goal=dep&pay=40");

        PostbackResult again = f.create("token=12-abc&click=c1&exto=d2&goal=dep&pay=40");

        assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(f.leadOf(again).state().payout().amount()).isEqualByComparingTo("140");
        assertThat(f.status("token=12-abc&click=c1&exto=d2&status=approve").outcome())
                .as("the repeat's key addresses the lead").isEqualTo(Outcome.UPDATED);
    }

    @Test
    void whileApprovedAnAdditionIsBookedAsItsOwnRepeatEntryAndTheLedgerSumsToWhatTheLeadEarns() {
        Lead lead = f.leadOf(f.create("token=12-abc&click=c1&exto=d1&goal=dep&pay=100&status=approve"));

        f.create("token=12-abc&click=c1&exto=d2&goal=dep&pay=40");
        f.status("token=12-abc&click=c1&exto=d1&status=cancel");
        f.status("token=12-abc&click=c1&exto=d1&status=approve");

        assertThat(f.ledger(lead.id())).extracting(e -> e.reason())
                .containsExactly(BookingReason.APPROVE, BookingReason.APPROVE, BookingReason.REPEAT, BookingReason.REPEAT,
                        BookingReason.REVERSAL, BookingReason.REVERSAL, BookingReason.APPROVE, BookingReason.APPROVE);
        assertThat(f.booked(lead.id(), Party.ADVERTISER).amount()).isEqualByComparingTo("140");
        assertThat(f.booked(lead.id(), Party.WEBMASTER).amount()).isEqualByComparingTo("70");
    }

    @Test
    void aLaterPayRecalculatesTheConversionAndKeepsWhatRepeatsAdded() {
        f.create("token=12-abc&click=c1&exto=d1&goal=dep&pay=100");
        f.create("token=12-abc&click=c1&exto=d2&goal=dep&pay=40");

        Lead lead = f.leadOf(f.status("token=12-abc&click=c1&exto=d1&pay=200&status=approve"));

        assertThat(lead.state().payout().amount()).isEqualByComparingTo("240");
        assertThat(lead.state().commission().amount()).isEqualByComparingTo("120");
    }

    @Test
    void ignoreAnswersDuplicateWithTheClicksLeadOfTheGoalAndChangesNothing() {
        Lead first = f.leadOf(f.create("token=12-abc&click=c1&exto=f1&goal=ftd"));

        PostbackResult second = f.create("token=12-abc&click=c1&exto=f2&goal=ftd&pay=70");

        assertThat(second.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(f.leadOf(second).id()).isEqualTo(first.id());
        assertThat(f.leadOf(second).state().payout().amount()).isEqualByComparingTo("50");
        assertThat(f.leads()).hasSize(1);
    }

    @Test
    void newMakesAnotherLeadAndLeadsOfOtherGoalsNeverMakeARepeatGoalADuplicate() {
        EngineFixture f = EngineFixture.standard().sameStore(NetworkCatalog.create(),
                b -> b.duplicatePolicy(io.postback.DuplicatePolicy.onePerClick()));
        f.create("token=12-abc&click=c1&goal=reg");
        PostbackResult firstUpsell = f.create("token=12-abc&click=c1&goal=upsell");
        PostbackResult secondUpsell = f.create("token=12-abc&click=c1&goal=upsell");
        PostbackResult firstDeposit = f.create("token=12-abc&click=c1&goal=dep");

        assertThat(firstUpsell.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(secondUpsell.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(firstDeposit.outcome()).as("the click's first lead of goal dep").isEqualTo(Outcome.CREATED);
        assertThat(f.create("token=12-abc&click=c1").outcome()).as("goals without repeat keep the host's policy")
                .isEqualTo(Outcome.DUPLICATE);
        assertThat(f.leads()).hasSize(4);
    }

    @Test
    void aRepeatedKeyIsADuplicateWhateverTheGoalSays() {
        f.create("token=12-abc&click=c1&exto=k&goal=reg");

        PostbackResult sameKey = f.create("token=12-abc&click=c1&exto=k&goal=dep");

        assertThat(sameKey.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(f.leads()).hasSize(1);
    }

    @Test
    void theAdditionIsJournaledAndExplained() {
        f.create("token=12-abc&click=c1&exto=d1&goal=dep&pay=100");
        f.create("token=12-abc&click=c1&exto=d2&goal=dep&pay=40");

        assertThat(f.lastJournal().message()).isEqualTo("repeat conversion added to the lead");
        var explanation = f.processor.explain(io.postback.testing.Postbacks.create("token=12-abc&click=c1&exto=d3&goal=dep"));
        assertThat(explanation.steps()).anySatisfy(s -> assertThat(s.detail()).contains("adds payout 30.00 EUR and commission 15.00 EUR to lead 1"));
        assertThat(f.leads()).singleElement().satisfies(l -> assertThat(l.state().payout().amount())
                .as("explain writes nothing").isEqualByComparingTo(new BigDecimal("140")));
        assertThat(f.leads()).singleElement().satisfies(l -> assertThat(l.status()).isEqualTo(Status.NEW));
    }
}

package io.postback;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.model.AmountSource;
import io.postback.model.BookingReason;
import io.postback.model.ErrorCode;
import io.postback.model.Lead;
import io.postback.model.LedgerEntry;
import io.postback.model.Money;
import io.postback.model.Outcome;
import io.postback.model.Party;
import io.postback.model.Status;
import io.postback.testing.EngineFixture;
import io.postback.testing.StoreSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rules §5, with the goals of the test catalog's offer 1: reg (registration, signup; payout 10, CPA 4;
 * the default), dep (deposit, ftd; payout 50, CPA 30) and rs (revshare; payout 100, RevShare 40%).
 */
class GoalTest {

    private final EngineFixture fx = EngineFixture.standard();

    private long create(String params) {
        return fx.create("token=12-abc&" + params).lead().orElseThrow().id();
    }

    @ParameterizedTest(name = "''{0}'' is {1}")
    @CsvSource(delimiter = ';', value = {
        "dep; dep", "DEP; dep", "%20dep%20; dep", "Deposit; dep", "FTD; dep", "%20ftd; dep",
        "registration; reg", "SignUp; reg", "reg; reg", "RevShare; rs", "rs; rs"})
    void aGoalIsNamedByItsMainIdOrAnAliasTrimmedAndCaseInsensitive(String goal, String expected) {
        assertThat(fx.lead(create("click=g&goal=" + goal)).state().goal()).isEqualTo(expected);
    }

    @Test
    void anUnknownGoalIsAGoalErrorNamingItAndCreatesNothing() {
        PostbackResult result = fx.create("token=12-abc&click=g1&goal=deposit2");

        PostbackResult.Rejected r = (PostbackResult.Rejected) result;
        assertThat(r.code()).isEqualTo(ErrorCode.GOAL);
        assertThat(r.message()).contains("deposit2");
        assertThat(fx.leads()).isEmpty();
    }

    @Test
    void anUnknownGoalChangesNothingOnAnExistingLead() {
        create("click=g2&status=approved");
        StoreSnapshot before = fx.snapshot();

        PostbackResult result = fx.status("token=12-abc&click=g2&goal=vip&status=cancelled");

        assertThat(((PostbackResult.Rejected) result).code()).isEqualTo(ErrorCode.GOAL);
        assertThat(fx.snapshot().sameLeadsAs(before)).isTrue();
    }

    @Test
    void aGoalOfAnotherOfferIsUnknownHere() {
        assertThat(((PostbackResult.Rejected) fx.create("token=12-abc&click=g3&goal=lead")).code()).isEqualTo(ErrorCode.GOAL);
    }

    @Test
    void aCreateWithoutGoalUsesTheDefaultGoal() {
        Lead lead = fx.lead(create("click=g4"));

        assertThat(lead.state().goal()).isEqualTo("reg");
        assertThat(lead.state().payout()).isEqualTo(Money.of("10", "EUR"));
        assertThat(lead.state().commission()).isEqualTo(Money.of("4", "EUR"));
    }

    @Test
    void aStatusWithoutGoalKeepsTheLeadsGoal() {
        long id = create("click=g5&goal=ftd");

        fx.status("token=12-abc&click=g5&status=approved");

        assertThat(fx.lead(id).state().goal()).isEqualTo("dep");
    }

    @Test
    void changingTheGoalRecalculatesTheMoneyFromTheNewGoal() {
        long id = create("click=g6");

        PostbackResult result = fx.status("token=12-abc&click=g6&goal=revshare");

        assertThat(result.outcome()).isEqualTo(Outcome.UPDATED);
        Lead lead = fx.lead(id);
        assertThat(lead.state().goal()).isEqualTo("rs");
        assertThat(lead.state().payout()).isEqualTo(Money.of("100", "EUR"));
        assertThat(lead.state().commission()).isEqualTo(Money.of("40", "EUR"));
        assertThat(fx.ledger(id)).as("a lead that is not approved earns nothing").isEmpty();
    }

    @Test
    void changingTheGoalOfAnApprovedLeadBooksTheDifferenceAsAnAdjustment() {
        long id = create("click=g7&status=approved");

        fx.status("token=12-abc&click=g7&goal=deposit");

        List<LedgerEntry> ledger = fx.ledger(id);
        assertThat(ledger).extracting(LedgerEntry::reason, LedgerEntry::party, LedgerEntry::amount).containsExactly(
                org.assertj.core.groups.Tuple.tuple(BookingReason.APPROVE, Party.ADVERTISER, Money.of("10", "EUR")),
                org.assertj.core.groups.Tuple.tuple(BookingReason.APPROVE, Party.WEBMASTER, Money.of("4", "EUR")),
                org.assertj.core.groups.Tuple.tuple(BookingReason.ADJUSTMENT, Party.ADVERTISER, Money.of("40", "EUR")),
                org.assertj.core.groups.Tuple.tuple(BookingReason.ADJUSTMENT, Party.WEBMASTER, Money.of("26", "EUR")));
        assertThat(fx.booked(id, Party.ADVERTISER)).isEqualTo(fx.lead(id).state().payout());
        assertThat(fx.booked(id, Party.WEBMASTER)).isEqualTo(fx.lead(id).state().commission());
    }

    @Test
    void aGoalChangeDownwardsWhileApprovedBooksANegativeAdjustment() {
        long id = create("click=g8&goal=dep&status=approved");

        fx.status("token=12-abc&click=g8&goal=reg");

        assertThat(fx.ledger(id)).filteredOn(e -> e.reason() == BookingReason.ADJUSTMENT)
                .extracting(LedgerEntry::amount)
                .containsExactlyInAnyOrder(Money.of("-40", "EUR"), Money.of("-26", "EUR"));
        assertThat(fx.booked(id, Party.ADVERTISER)).isEqualTo(Money.of("10", "EUR"));
    }

    @Test
    void aGoalChangeTogetherWithAStatusChangeBooksOnceFromTheNewGoal() {
        long id = create("click=g9");

        fx.status("token=12-abc&click=g9&goal=dep&status=approved");

        assertThat(fx.ledger(id)).extracting(LedgerEntry::reason).containsOnly(BookingReason.APPROVE);
        assertThat(fx.booked(id, Party.ADVERTISER)).isEqualTo(Money.of("50", "EUR"));
        assertThat(fx.booked(id, Party.WEBMASTER)).isEqualTo(Money.of("30", "EUR"));
    }

    @Test
    void namingTheLeadsOwnGoalByAnAliasIsNoChange() {
        create("click=g10&goal=dep");

        assertThat(fx.status("token=12-abc&click=g10&goal=FTD").outcome()).isEqualTo(Outcome.UNCHANGED);
    }

    @Test
    void aGoalChangeOfACancelledLeadRecalculatesWithoutBooking() {
        long id = create("click=g11&status=cancelled");

        fx.status("token=12-abc&click=g11&goal=dep");

        assertThat(fx.lead(id).state().payout()).isEqualTo(Money.of("50", "EUR"));
        assertThat(fx.lead(id).state().payoutSource()).isEqualTo(AmountSource.GOAL);
        assertThat(fx.ledger(id)).isEmpty();
        assertThat(fx.lead(id).status()).isEqualTo(Status.CANCEL);
    }
}

package io.postback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.postback.memory.InMemoryOfferCatalog;
import io.postback.model.AmountSource;
import io.postback.model.BookingReason;
import io.postback.model.ExchangeRate;
import io.postback.model.ErrorCode;
import io.postback.model.Flow;
import io.postback.model.Goal;
import io.postback.model.Lead;
import io.postback.model.LeadState;
import io.postback.model.LedgerEntry;
import io.postback.model.Money;
import io.postback.model.Offer;
import io.postback.model.Outcome;
import io.postback.model.Party;
import io.postback.model.Site;
import io.postback.model.WebmasterRate;
import io.postback.spi.CurrencyConverter;
import io.postback.testing.EngineFixture;
import io.postback.testing.StoreSnapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rules §6. Offer 1 of the test catalog is in EUR: reg (payout 10, CPA 4), dep (payout 50, CPA 30),
 * rs (payout 100, RevShare 40%); flow 1235 has CPA 35 on dep; webmaster 77 (flow 1234) has RevShare 50% on rs.
 */
class MoneyTest {

    private final EngineFixture fx = EngineFixture.standard();

    private Lead create(String params) {
        return fx.leadOf(fx.create("token=12-abc&" + params));
    }

    private Lead status(String params) {
        return fx.leadOf(fx.status("token=12-abc&" + params));
    }

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    @Nested
    class GoalRules {

        @Test
        void aFixedCommissionAndTheGoalsPayout() {
            LeadState s = create("click=r1&goal=dep").state();

            assertThat(s.payout()).isEqualTo(eur("50"));
            assertThat(s.payoutSource()).isEqualTo(AmountSource.GOAL);
            assertThat(s.commission()).isEqualTo(eur("30"));
            assertThat(s.commissionSource()).isEqualTo(AmountSource.GOAL);
        }

        @Test
        void aRevShareCommissionIsThePercentageOfThePayout() {
            assertThat(create("click=r2&goal=rs").state().commission()).isEqualTo(eur("40"));
        }

        @Test
        void anIndividualRateOfTheFlowWins() {
            LeadState s = create("flow=1235&goal=dep").state();

            assertThat(s.commission()).isEqualTo(eur("35"));
            assertThat(s.commissionSource()).isEqualTo(AmountSource.INDIVIDUAL_RATE);
            assertThat(create("flow=1235&goal=reg").state().commission()).as("no individual rate on reg").isEqualTo(eur("4"));
        }

        @Test
        void anIndividualRateOfTheWebmasterWins() {
            LeadState s = create("flow=1234&goal=rs").state();

            assertThat(s.commission()).isEqualTo(eur("50"));
            assertThat(s.commissionSource()).isEqualTo(AmountSource.INDIVIDUAL_RATE);
        }

        @Test
        void leadsAreKeptInTheOffersCurrency() {
            Lead usd = fx.leadOf(fx.create("token=13-xyz&click=r3"));

            assertThat(usd.state().payout()).isEqualTo(Money.of("5", "USD"));
            assertThat(usd.state().commission()).isEqualTo(Money.of("2", "USD"));
        }
    }

    @Nested
    class ReportedPayout {

        @Test
        void payNeverChangesAFixedCommission() {
            LeadState s = create("click=p1&goal=dep&pay=75.5").state();

            assertThat(s.payout()).isEqualTo(eur("75.5"));
            assertThat(s.payoutSource()).isEqualTo(AmountSource.PAY);
            assertThat(s.commission()).isEqualTo(eur("30"));
        }

        @Test
        void underRevShareTheCommissionIsThePercentageOfPay() {
            LeadState s = create("click=p2&goal=rs&pay=12,5").state();

            assertThat(s.payout()).isEqualTo(eur("12.5"));
            assertThat(s.commission()).isEqualTo(eur("5"));
        }

        @Test
        void anIndividualRevShareRateAppliesToPay() {
            assertThat(create("flow=1234&goal=rs&pay=30").state().commission()).isEqualTo(eur("15"));
        }

        @ParameterizedTest(name = "40% of {0} is {1}")
        @CsvSource({"0.0125, 0.01", "0.0625, 0.03", "1.2345, 0.49", "0.01, 0.00", "33.33, 13.33", "0.03125, 0.01"})
        void revShareIsRoundedHalfUpToTheCurrencysMinorUnit(String pay, String commission) {
            assertThat(create("click=p3&goal=rs&pay=" + pay).state().commission()).isEqualTo(eur(commission));
        }

        @Test
        void revShareInACurrencyWithoutMinorUnitsRoundsToWholeUnits() {
            InMemoryOfferCatalog yen = InMemoryOfferCatalog.builder()
                    .offer(new Offer(5, "Yen", Currency.getInstance("JPY"),
                            List.of(Goal.of("rs", "1000", WebmasterRate.revShare("40"))), "rs"))
                    .site(Site.of(50, 5, "k50"))
                    .build();
            EngineFixture jp = fx.sameStore(yen, b -> { });

            assertThat(jp.leadOf(jp.create("token=50-k50&click=y1&pay=1.25")).state().commission())
                    .isEqualTo(Money.of("1", "JPY"));
            assertThat(jp.leadOf(jp.create("token=50-k50&click=y2&pay=1001")).state().commission())
                    .isEqualTo(Money.of("400", "JPY"));
            assertThat(jp.leadOf(jp.create("token=50-k50&click=y3&pay=1004")).state().commission())
                    .isEqualTo(Money.of("402", "JPY"));
        }

        @Test
        void wmSetsTheCommissionExplicitly() {
            LeadState s = create("click=p4&goal=rs&wm=7.25").state();

            assertThat(s.payout()).isEqualTo(eur("100"));
            assertThat(s.commission()).isEqualTo(eur("7.25"));
            assertThat(s.commissionSource()).isEqualTo(AmountSource.WM);
        }

        @Test
        void payAndWmTogether() {
            LeadState s = create("click=p5&goal=rs&pay=200&wm=20").state();

            assertThat(s.payout()).isEqualTo(eur("200"));
            assertThat(s.commission()).isEqualTo(eur("20"));
        }

        @Test
        void zeroIsAnAmount() {
            LeadState s = create("click=p6&pay=0&wm=0").state();

            assertThat(s.payout().isZero()).isTrue();
            assertThat(s.commission().isZero()).isTrue();
        }
    }

    @Nested
    class ReportedOnAnExistingLead {

        @Test
        void payLeavesAFixedCommissionUntouched() {
            create("click=e1&goal=dep");

            LeadState s = status("click=e1&pay=80").state();

            assertThat(s.payout()).isEqualTo(eur("80"));
            assertThat(s.commission()).isEqualTo(eur("30"));
            assertThat(s.commissionSource()).isEqualTo(AmountSource.GOAL);
        }

        @Test
        void payRecomputesARevShareCommission() {
            create("click=e2&goal=rs");

            assertThat(status("click=e2&pay=80").state().commission()).isEqualTo(eur("32"));
        }

        @Test
        void payKeepsAnExplicitWm() {
            create("click=e3&goal=rs&wm=7");

            LeadState s = status("click=e3&pay=80").state();

            assertThat(s.commission()).isEqualTo(eur("7"));
            assertThat(s.commissionSource()).isEqualTo(AmountSource.WM);
        }

        @Test
        void wmAloneChangesOnlyTheCommission() {
            create("click=e4&goal=dep&pay=70");

            LeadState s = status("click=e4&wm=12").state();

            assertThat(s.payout()).isEqualTo(eur("70"));
            assertThat(s.payoutSource()).isEqualTo(AmountSource.PAY);
            assertThat(s.commission()).isEqualTo(eur("12"));
        }

        @Test
        void aReportedPaySurvivesGoalChanges() {
            create("click=e5&pay=12");

            LeadState toDep = status("click=e5&goal=dep").state();
            assertThat(toDep.payout()).isEqualTo(eur("12"));
            assertThat(toDep.payoutSource()).isEqualTo(AmountSource.PAY);
            assertThat(toDep.commission()).isEqualTo(eur("30"));

            LeadState toRs = status("click=e5&goal=rs").state();
            assertThat(toRs.payout()).isEqualTo(eur("12"));
            assertThat(toRs.commission()).isEqualTo(eur("4.80"));
        }

        @Test
        void anExplicitWmIsReplacedByTheNewGoalsRuleOnAGoalChange() {
            create("click=e6&wm=7");

            LeadState s = status("click=e6&goal=dep").state();

            assertThat(s.commission()).isEqualTo(eur("30"));
            assertThat(s.commissionSource()).isEqualTo(AmountSource.GOAL);
            assertThat(s.payout()).isEqualTo(eur("50"));
        }

        @Test
        void aGoalChangeWithWmKeepsThatWm() {
            create("click=e7");

            LeadState s = status("click=e7&goal=dep&wm=9").state();

            assertThat(s.commission()).isEqualTo(eur("9"));
            assertThat(s.commissionSource()).isEqualTo(AmountSource.WM);
        }

        @Test
        void theSameReportedAmountsAgainAreUnchanged() {
            create("click=e8&pay=12&wm=3");

            assertThat(fx.status("token=12-abc&click=e8&pay=12.00&wm=3").outcome()).isEqualTo(Outcome.UNCHANGED);
        }
    }

    @Nested
    class CatalogAmounts {

        @Test
        void aGoalAmountFinerThanMoneyKeepsIsRefusedWhenTheCatalogIsBuilt() {
            // 8 decimal places is what money keeps (rules §6); a finer amount could only fail later, in handle()
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Goal.of("g", "0.123456789", WebmasterRate.fixed("1")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("g");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> WebmasterRate.fixed("0.000000001"))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void trailingZerosBeyondEightPlacesAreNoFinerAmount() {
            Goal goal = Goal.of("g", "10.0000000000", WebmasterRate.fixed("4.0000000000"));
            InMemoryOfferCatalog catalog = InMemoryOfferCatalog.builder()
                    .offer(new Offer(7, "Fine", Currency.getInstance("EUR"), List.of(goal), "g"))
                    .site(Site.of(70, 7, "k70"))
                    .build();
            EngineFixture f = fx.sameStore(catalog, b -> { });

            LeadState s = f.leadOf(f.create("token=70-k70&click=z")).state();

            assertThat(s.payout()).isEqualTo(eur("10"));
            assertThat(s.commission()).isEqualTo(eur("4"));
        }
    }

    @Nested
    class CatalogChanges {

        private final InMemoryOfferCatalog repriced = InMemoryOfferCatalog.builder()
                .offer(new Offer(1, "Casino", Currency.getInstance("EUR"), List.of(
                        Goal.of("reg", "20", WebmasterRate.fixed("8")),
                        Goal.of("dep", "60", WebmasterRate.fixed("33"))), "reg"))
                .site(Site.of(12, 1, "abc"))
                .flow(new Flow(1234, "5FAC-D4E8", 1, 77))
                .build();

        @Test
        void aStatusChangeAloneNeverRepricesALead() {
            long id = create("click=c1").id();
            EngineFixture later = fx.sameStore(repriced, b -> { });

            later.status("token=12-abc&click=c1&status=approved");

            assertThat(later.lead(id).state().payout()).isEqualTo(eur("10"));
            assertThat(later.lead(id).state().commission()).isEqualTo(eur("4"));
            assertThat(later.booked(id, Party.ADVERTISER)).isEqualTo(eur("10"));
        }

        @Test
        void aGoalChangeTakesTheCurrentCatalog() {
            long id = create("click=c2").id();
            EngineFixture later = fx.sameStore(repriced, b -> { });

            later.status("token=12-abc&click=c2&goal=dep");

            assertThat(later.lead(id).state().payout()).isEqualTo(eur("60"));
            assertThat(later.lead(id).state().commission()).isEqualTo(eur("33"));
        }
    }

    @Nested
    class Currencies {

        private final Instant asOf = Instant.parse("2023-12-31T16:00:00Z");
        private final CurrencyConverter usdToEur = (from, to, at) -> from.getCurrencyCode().equals("USD")
                && to.getCurrencyCode().equals("EUR")
                ? Optional.of(new ExchangeRate(from, to, new BigDecimal("0.923456789"), "ecb", asOf))
                : Optional.empty();
        private final EngineFixture converting = EngineFixture.with(b -> b.currencyConverter(usdToEur));

        @Test
        void withoutCcTheAmountsAreInTheOffersCurrency() {
            assertThat(create("click=x1&pay=12").state().payout()).isEqualTo(eur("12"));
            assertThat(fx.leadOf(fx.create("token=13-xyz&click=x1&pay=12")).state().payout()).isEqualTo(Money.of("12", "USD"));
        }

        @Test
        void anotherCurrencyWithoutAConverterIsACurrencyError() {
            StoreSnapshot before = fx.snapshot();

            PostbackResult result = fx.create("token=12-abc&click=x2&pay=12&cc=USD");

            assertThat(((PostbackResult.Rejected) result).code()).isEqualTo(ErrorCode.CURRENCY);
            assertThat(fx.snapshot().sameLeadsAs(before)).isTrue();
        }

        @Test
        void ccWithoutAmountsNeedsNoConversion() {
            assertThat(fx.create("token=12-abc&click=x3&cc=USD").outcome()).isEqualTo(Outcome.CREATED);
        }

        @Test
        void aConverterWithoutThatRateIsACurrencyError() {
            assertThat(((PostbackResult.Rejected) converting.create("token=12-abc&click=x4&pay=12&cc=GBP")).code())
                    .isEqualTo(ErrorCode.CURRENCY);
        }

        @Test
        void convertedAmountsKeepEightDecimalsRoundedHalfUpWithTheRateStoredOnTheLead() {
            Lead lead = converting.leadOf(converting.create("token=12-abc&click=x5&pay=1&wm=0.5&cc=usd"));

            // 1 x 0.923456789 = 0.923456789 -> 0.92345679; 0.5 x 0.923456789 = 0.4617283945 -> 0.46172839
            assertThat(lead.state().payout()).isEqualTo(eur("0.92345679"));
            assertThat(lead.state().commission()).isEqualTo(eur("0.46172839"));
            assertThat(lead.state().conversion()).contains(new ExchangeRate(Currency.getInstance("USD"),
                    Currency.getInstance("EUR"), new BigDecimal("0.923456789"), "ecb", asOf));
        }

        @Test
        void revShareIsTakenFromTheConvertedPayout() {
            Lead lead = converting.leadOf(converting.create("token=12-abc&click=x6&goal=rs&pay=100&cc=USD"));

            assertThat(lead.state().payout()).isEqualTo(eur("92.3456789"));
            assertThat(lead.state().commission()).isEqualTo(eur("36.94"));
        }

        @Test
        void theConverterIsAskedForTheRateAtTheTimeOfThePostback() {
            Instant[] asked = new Instant[1];
            EngineFixture f = EngineFixture.with(b -> b.currencyConverter((from, to, at) -> {
                asked[0] = at;
                return usdToEur.rate(from, to, at);
            }));

            f.create("token=12-abc&click=x7&pay=1&cc=USD");

            assertThat(asked[0]).as("without time, the arrival (rules §6.9)").isEqualTo(f.clock.instant());
        }

        @Test
        void theConverterIsAskedForTheRateAtTheEventTimeWhenThePostbackSaysIt() {
            Instant[] asked = new Instant[1];
            EngineFixture f = EngineFixture.with(b -> b.currencyConverter((from, to, at) -> {
                asked[0] = at;
                return usdToEur.rate(from, to, at);
            }));
            Instant event = f.clock.instant().minus(java.time.Duration.ofDays(3));

            f.create("token=12-abc&click=x8&pay=1&cc=USD&time=" + event.getEpochSecond());

            assertThat(asked[0]).as("rules §6.9").isEqualTo(event);
        }

        @Test
        void aRateTablePicksTheRateValidAtTheEventTimeAndTheLeadKeepsIt() {
            Instant monday = io.postback.testing.MutableClock.START.minus(java.time.Duration.ofDays(7));
            Instant friday = monday.plus(java.time.Duration.ofDays(4));
            io.postback.rates.RateTable rates = io.postback.rates.RateTable.of(List.of(
                    new io.postback.rates.RateRow(Currency.getInstance("USD"), Currency.getInstance("EUR"), new BigDecimal("0.9"),
                            monday, "ecb"),
                    new io.postback.rates.RateRow(Currency.getInstance("USD"), Currency.getInstance("EUR"), new BigDecimal("0.8"),
                            friday, "ecb")));
            EngineFixture f = EngineFixture.with(b -> b.currencyConverter(rates));

            Lead before = f.leadOf(f.create("token=12-abc&click=x9&pay=100&cc=USD&time=" + friday.minusSeconds(1).getEpochSecond()));
            Lead after = f.leadOf(f.create("token=12-abc&click=x10&pay=100&cc=USD&time=" + friday.getEpochSecond()));
            PostbackResult tooEarly = f.create("token=12-abc&click=x11&pay=100&cc=USD&time=" + monday.minusSeconds(1).getEpochSecond());

            assertThat(before.state().payout()).isEqualTo(eur("90"));
            assertThat(before.state().conversion()).hasValueSatisfying(r -> assertThat(r.asOf()).isEqualTo(monday));
            assertThat(after.state().payout()).isEqualTo(eur("80"));
            assertThat(after.state().conversion()).hasValueSatisfying(r -> assertThat(r.asOf()).isEqualTo(friday));
            assertThat(((PostbackResult.Rejected) tooEarly).code()).as("no rate valid then").isEqualTo(ErrorCode.CURRENCY);
        }
    }

    @Nested
    class Ledger {

        @Test
        void aCreateInApproveBooksAtOnce() {
            long id = create("click=l0&goal=rs&pay=20&status=approved").id();

            assertThat(fx.ledger(id)).extracting(LedgerEntry::party, LedgerEntry::amount, LedgerEntry::reason).containsExactly(
                    tuple(Party.ADVERTISER, eur("20"), BookingReason.APPROVE),
                    tuple(Party.WEBMASTER, eur("8"), BookingReason.APPROVE));
        }

        @Test
        void enteringApproveBooksThePayoutAndTheCommission() {
            long id = create("click=l1&goal=dep").id();
            assertThat(fx.ledger(id)).isEmpty();

            status("click=l1&status=approved");

            assertThat(fx.ledger(id)).extracting(LedgerEntry::party, LedgerEntry::amount, LedgerEntry::reason).containsExactly(
                    tuple(Party.ADVERTISER, eur("50"), BookingReason.APPROVE),
                    tuple(Party.WEBMASTER, eur("30"), BookingReason.APPROVE));
        }

        @Test
        void leavingApproveBooksTheReversal() {
            long id = create("click=l2&goal=dep&status=approved").id();

            status("click=l2&status=chargeback");

            assertThat(fx.ledger(id)).extracting(LedgerEntry::party, LedgerEntry::amount, LedgerEntry::reason).endsWith(
                    tuple(Party.ADVERTISER, eur("-50"), BookingReason.REVERSAL),
                    tuple(Party.WEBMASTER, eur("-30"), BookingReason.REVERSAL));
            assertThat(fx.booked(id, Party.ADVERTISER).isZero()).isTrue();
            assertThat(fx.booked(id, Party.WEBMASTER).isZero()).isTrue();
        }

        @Test
        void anAmountChangeWhileApprovedBooksTheDifference() {
            long id = create("click=l3&goal=rs&status=approved").id();

            status("click=l3&pay=150");

            assertThat(fx.ledger(id)).filteredOn(e -> e.reason() == BookingReason.ADJUSTMENT)
                    .extracting(LedgerEntry::party, LedgerEntry::amount)
                    .containsExactly(tuple(Party.ADVERTISER, eur("50")), tuple(Party.WEBMASTER, eur("20")));
        }

        @Test
        void aChangeThatMovesOnlyOnePartysMoneyBooksOnlyThatParty() {
            long id = create("click=l4&goal=dep&status=approved").id();

            status("click=l4&pay=55");

            assertThat(fx.ledger(id)).filteredOn(e -> e.reason() == BookingReason.ADJUSTMENT)
                    .extracting(LedgerEntry::party, LedgerEntry::amount)
                    .containsExactly(tuple(Party.ADVERTISER, eur("5")));
        }

        @Test
        void everyBookingIsLinkedToThePostbackThatMadeIt() {
            long id = create("click=l5&status=approved").id();
            long approveJournal = fx.lastJournal().id();
            status("click=l5&status=cancelled");
            long cancelJournal = fx.lastJournal().id();

            assertThat(fx.ledger(id)).extracting(LedgerEntry::journalId)
                    .containsExactly(approveJournal, approveJournal, cancelJournal, cancelJournal);
            assertThat(fx.ledger(id)).allSatisfy(e -> assertThat(e.leadId()).isEqualTo(id));
        }

        @Test
        void theLedgerSumsToWhatTheLeadEarnsAfterEveryStep() {
            long id = create("click=l6&goal=rs").id();
            String[] steps = {"status=approved", "pay=150", "goal=dep", "status=cancelled", "wm=9", "status=approved",
                "goal=rs&pay=10", "status=trash", "status=ok"};
            for (String step : steps) {
                fx.status("token=12-abc&click=l6&" + step);
                Lead lead = fx.lead(id);
                assertThat(fx.booked(id, Party.ADVERTISER)).as(step).isEqualTo(lead.state().earned(Party.ADVERTISER));
                assertThat(fx.booked(id, Party.WEBMASTER)).as(step).isEqualTo(lead.state().earned(Party.WEBMASTER));
            }
            assertThat(fx.lead(id).state().commission()).isEqualTo(eur("4"));
            assertThat(fx.booked(id, Party.WEBMASTER)).isEqualTo(eur("4"));
        }
    }
}

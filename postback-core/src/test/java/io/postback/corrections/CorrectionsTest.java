package io.postback.corrections;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.Correction;
import io.postback.Explanation;
import io.postback.JournalReplayer;
import io.postback.PostbackResult;
import io.postback.model.Action;
import io.postback.model.ErrorCode;
import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.model.Outcome;
import io.postback.model.Party;
import io.postback.model.Status;
import io.postback.testing.EngineFixture;
import io.postback.testing.NetworkCatalog;
import io.postback.testing.StoreSnapshot;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Rules §16: an operator's correction runs through the rules of a STATUS and is journaled as {@code correct}. */
class CorrectionsTest {

    final EngineFixture f = NetworkCatalog.engine();

    @Test
    void aCorrectionChangesTheLeadBooksTheMoneyAndIsJournaledWithItsOperatorAndReason() {
        Lead lead = f.leadOf(f.create("token=12-abc&click=c1&exto=e1&goal=ftd"));

        PostbackResult result = f.processor.correct(lead.id(), Correction.status(Status.APPROVE, "approved by email", "alice"));

        assertThat(result.outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(f.lead(lead.id()).status()).isEqualTo(Status.APPROVE);
        assertThat(f.booked(lead.id(), Party.ADVERTISER).amount()).isEqualByComparingTo("50");
        JournalEntry entry = f.lastJournal();
        assertThat(entry.action()).isEqualTo(Action.CORRECT);
        assertThat(entry.leadId()).hasValue(lead.id());
        assertThat(entry.params()).containsEntry("operator", List.of("alice")).containsEntry("reason", List.of("approved by email"));
        assertThat(entry.params().get("token")).containsExactly("12-***");
        assertThat(entry.message()).isEqualTo("lead updated; corrected by alice: approved by email");
    }

    @Test
    void theTransitionPolicyHoldsUnlessTheCorrectionIsForcedAndThenTheJournalSaysSo() {
        Lead lead = f.leadOf(f.create("token=12-abc&click=c1&exto=e1&status=approve"));
        Correction backToWait = Correction.status(Status.WAIT, "the advertiser reopened it", "bob");

        PostbackResult refused = f.processor.correct(lead.id(), backToWait);
        PostbackResult forced = f.processor.correct(lead.id(), backToWait.forced());

        assertThat(refused.outcome()).isEqualTo(Outcome.STALE);
        assertThat(forced.outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(f.lead(lead.id()).status()).isEqualTo(Status.WAIT);
        assertThat(f.booked(lead.id(), Party.ADVERTISER).isZero()).isTrue();
        assertThat(f.lastJournal().message()).endsWith("corrected by bob: the advertiser reopened it (forced)");
    }

    @Test
    void aCorrectionWithoutForceEntersTheHoldPeriodAndAForcedOneApprovesAtOnce() {
        Lead held = f.leadOf(f.create("token=12-abc&click=c1&exto=s1&goal=quick"));
        Lead forced = f.leadOf(f.create("token=12-abc&click=c2&exto=s2&goal=quick"));

        f.processor.correct(held.id(), Correction.status(Status.APPROVE, "email", "alice"));
        f.processor.correct(forced.id(), Correction.status(Status.APPROVE, "email", "alice").forced());

        assertThat(f.lead(held.id()).status()).isEqualTo(Status.HOLD);
        assertThat(f.lead(held.id()).state().held()).isPresent();
        assertThat(f.lead(forced.id()).status()).isEqualTo(Status.APPROVE);
    }

    @Test
    void goalAndMoneyAreCorrectedByTheSameRules() {
        Lead lead = f.leadOf(f.create("token=12-abc&click=c1&exto=e1&status=approve"));

        f.processor.correct(lead.id(), new Correction(Optional.empty(), Optional.of("ftd"), Optional.of(new BigDecimal("70")),
                Optional.empty(), "report says ftd at 70", "carol", false));

        Lead corrected = f.lead(lead.id());
        assertThat(corrected.state().goal()).isEqualTo("ftd");
        assertThat(corrected.state().payout().amount()).isEqualByComparingTo("70");
        assertThat(f.booked(lead.id(), Party.ADVERTISER).amount()).isEqualByComparingTo("70");
    }

    @Test
    void anUnknownLeadIsAnsweredLeadAndExplainWritesNothing() {
        Lead lead = f.leadOf(f.create("token=12-abc&click=c1&exto=e1"));
        StoreSnapshot before = f.snapshot();

        Explanation explained = f.processor.explainCorrection(lead.id(), Correction.status(Status.TRASH, "fraud", "dave"));

        assertThat(explained.result().outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(explained.steps()).anySatisfy(s -> assertThat(s.detail()).isEqualTo("by the id the operator named"));
        assertThat(f.snapshot()).isEqualTo(before);
        PostbackResult unknown = f.processor.correct(999, Correction.status(Status.TRASH, "fraud", "dave"));
        assertThat(unknown.isRejected()).isTrue();
        assertThat(((PostbackResult.Rejected) unknown).code()).isEqualTo(ErrorCode.LEAD);
        assertThat(((PostbackResult.Rejected) unknown).message()).isEqualTo("no lead has id 999");
    }

    @Test
    void aRejectedCorrectionIsNeverReplayed() {
        Lead lead = f.leadOf(f.create("token=12-abc&click=c1&exto=e1"));
        f.processor.correct(lead.id(), new Correction(Optional.empty(), Optional.of("vip"), Optional.empty(), Optional.empty(),
                "typo", "erin", false));

        JournalReplayer.Report report = new JournalReplayer(f.processor, f.store, f.catalog).replayRejected(0, 100);

        assertThat(f.lastJournal().error()).hasValue(ErrorCode.GOAL);
        assertThat(report.replays()).singleElement()
                .satisfies(r -> assertThat(r.disposition()).isEqualTo(JournalReplayer.Disposition.NOT_REPLAYABLE));
    }
}

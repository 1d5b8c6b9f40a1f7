package io.postback.corrections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postback.Explanation;
import io.postback.JournalReplayer;
import io.postback.PostbackRequest;
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
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules §16.5: a difference from an advertiser's report is a STATUS of the site, journaled as {@code reconcile}. */
class ReconcilePostbackTest {

    final EngineFixture f = NetworkCatalog.engine();

    private static PostbackRequest status(String query) {
        return PostbackRequest.fromQuery(Action.STATUS, query);
    }

    @Test
    void aReconciliationChangesTheLeadThroughTheRulesAndIsJournaledAsReconcile() {
        Lead lead = f.leadOf(f.create("token=12-abc&click=c1&exto=e1&goal=ftd"));

        PostbackResult result = f.processor.reconcile(status("token=12-abc&click=c1&exto=e1&status=approved"));

        assertThat(result.outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(f.lead(lead.id()).status()).isEqualTo(Status.APPROVE);
        assertThat(f.booked(lead.id(), Party.ADVERTISER).amount()).isEqualByComparingTo("50");
        JournalEntry entry = f.lastJournal();
        assertThat(entry.action()).isEqualTo(Action.RECONCILE);
        assertThat(entry.leadId()).hasValue(lead.id());
        assertThat(entry.params().get("token")).containsExactly("12-***");
    }

    @Test
    void theTransitionPolicyAppliesAsToAnyStatus() {
        Lead lead = f.leadOf(f.create("token=12-abc&click=c1&exto=e1&status=approve"));

        PostbackResult result = f.processor.reconcile(status("token=12-abc&click=c1&exto=e1&status=wait"));

        assertThat(result.outcome()).isEqualTo(Outcome.STALE);
        assertThat(f.lead(lead.id()).status()).isEqualTo(Status.APPROVE);
    }

    @Test
    void autoCreatesALeadTheReportHasAndTheOfferLacks() {
        PostbackResult result = f.processor.reconcile(status("token=12-abc&click=c9&exto=e9&status=approve&auto=1"));

        assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(f.leadOf(result).status()).isEqualTo(Status.APPROVE);
        assertThat(f.lastJournal().action()).isEqualTo(Action.RECONCILE);
    }

    @Test
    void aWrongTokenIsRejectedAndJournaledButNeverReplayed() {
        f.leadOf(f.create("token=12-abc&click=c1&exto=e1"));

        PostbackResult result = f.processor.reconcile(status("token=12-wrong&click=c1&exto=e1&status=approve"));

        assertThat(result.isRejected()).isTrue();
        assertThat(((PostbackResult.Rejected) result).code()).isEqualTo(ErrorCode.TOKEN);
        JournalEntry rejected = f.lastJournal();
        assertThat(rejected.action()).isEqualTo(Action.RECONCILE);
        JournalReplayer.Report report = new JournalReplayer(f.processor, f.store, f.catalog).replayRejected(0, 100);
        assertThat(report.replays()).filteredOn(r -> r.journalId() == rejected.id())
                .allSatisfy(r -> assertThat(r.disposition()).isEqualTo(JournalReplayer.Disposition.NOT_REPLAYABLE));
    }

    @Test
    void explainReconcileSaysWhatWouldHappenAndWritesNothing() {
        Lead lead = f.leadOf(f.create("token=12-abc&click=c1&exto=e1"));
        StoreSnapshot before = f.snapshot();

        Explanation explained = f.processor.explainReconcile(status("token=12-abc&click=c1&exto=e1&status=approve&pay=70"));

        assertThat(explained.result().outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(explained.result().lead().orElseThrow().state().payout().amount()).isEqualByComparingTo("70");
        assertThat(f.snapshot()).isEqualTo(before);
        assertThat(f.lead(lead.id()).status()).isEqualTo(Status.NEW);
    }

    @Test
    void onlyAStatusPostbackIsAReconciliation() {
        assertThatThrownBy(() -> f.processor.reconcile(PostbackRequest.fromQuery(Action.CREATE, "token=12-abc&click=c1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a reconciliation is a STATUS postback, not create");
        assertThat(f.journal()).isEqualTo(List.of());
    }
}

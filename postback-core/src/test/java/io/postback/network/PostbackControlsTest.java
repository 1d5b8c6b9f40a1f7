package io.postback.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.PostbackResult;
import io.postback.model.ErrorCode;
import io.postback.model.Status;
import io.postback.testing.EngineFixture;
import io.postback.testing.NetworkCatalog;
import org.junit.jupiter.api.Test;

/** Rules §14, postback controls: the site's rules, then the offer's; the first match decides. */
class PostbackControlsTest {

    final EngineFixture f = NetworkCatalog.engine();

    @Test
    void aRejectingRuleRefusesThePostbackNamingTheRuleAndWritesNoLead() {
        PostbackResult result = f.create("token=12-abc&click=c1&sub1=test-42");

        assertThat(result.isRejected()).isTrue();
        PostbackResult.Rejected rejected = (PostbackResult.Rejected) result;
        assertThat(rejected.code()).isEqualTo(ErrorCode.RULE);
        assertThat(rejected.message()).isEqualTo("rule 'test-traffic' refuses this postback");
        assertThat(rejected.strictHttpStatus()).isEqualTo(422);
        assertThat(f.leads()).isEmpty();
        assertThat(f.lastJournal().error()).hasValue(ErrorCode.RULE);
    }

    @Test
    void aRuleGivesTheLeadItsStatusInsteadOfTheResolvedOneAndTheJournalSaysWhich() {
        PostbackResult trashed = f.create("token=12-abc&click=c1&country=XX&status=approve");
        PostbackResult held = f.create("token=12-abc&click=c2&goal=ftd&pay=501&status=approve");
        PostbackResult notBig = f.create("token=12-abc&click=c3&goal=ftd&pay=500&status=approve");

        assertThat(f.leadOf(trashed).status()).isEqualTo(Status.TRASH);
        assertThat(f.leadOf(held).status()).isEqualTo(Status.HOLD);
        assertThat(f.leadOf(held).state().held()).as("a rule's hold is a plain hold").isEmpty();
        assertThat(f.leadOf(notBig).status()).as("gt is strict").isEqualTo(Status.APPROVE);
        assertThat(f.journal()).extracting(e -> e.message()).contains("lead created; rule 'blocked-country': trash",
                "lead created; rule 'big-deposit': hold");
    }

    @Test
    void theSitesRulesComeFirstAndConditionsMustAllHold() {
        f.create("token=12-abc&click=c1&exto=e");

        Status waiting = f.leadOf(f.status("token=12-abc&click=c1&exto=e&status=wait&wm=2000")).status();
        Status approved = f.leadOf(f.status("token=12-abc&click=c1&exto=e&status=approve&wm=2000")).status();

        assertThat(waiting).as("status is not approve").isEqualTo(Status.WAIT);
        assertThat(approved).isEqualTo(Status.CANCEL);
    }

    @Test
    void aStatusRuleAppliesToTheFieldsTheLeadKeepsFromEarlierPostbacks() {
        f.create("token=12-abc&click=c1&exto=e&country=YY");

        PostbackResult approved = f.status("token=12-abc&click=c1&exto=e&status=approve");

        assertThat(f.leadOf(approved).status()).isEqualTo(Status.TRASH);
    }

    @Test
    void explainListsEveryRuleTriedAndTheOneThatDecided() {
        var explanation = f.processor.explain(io.postback.testing.Postbacks.create(
                "token=12-abc&click=c1&country=XX&goal=ftd&pay=900"));

        assertThat(explanation.steps()).filteredOn(s -> s.step().equals("rule")).extracting(s -> s.detail()).containsExactly(
                "site rule 'huge-commission' does not match: not wm >= 1000",
                "offer rule 'test-traffic' does not match: not field.sub1 starts with 'test'",
                "offer rule 'blocked-country' matches: trash");
    }
}

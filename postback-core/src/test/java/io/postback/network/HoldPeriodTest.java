package io.postback.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.PostbackResult;
import io.postback.model.Action;
import io.postback.model.BookingReason;
import io.postback.model.EventType;
import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.model.LeadEvent;
import io.postback.model.Outcome;
import io.postback.model.Party;
import io.postback.model.Status;
import io.postback.testing.EngineFixture;
import io.postback.testing.MutableClock;
import io.postback.testing.NetworkCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules §13: an approval of a goal with a hold period waits it out in hold, then releaseDue approves it. */
class HoldPeriodTest {

    final List<LeadEvent> events = new ArrayList<>();
    final EngineFixture f = EngineFixture.standard().sameStore(NetworkCatalog.create(), b -> b.eventListener(events::add));

    @Test
    void anApprovalEntersHoldWithItsReleaseTimeAndBooksNothing() {
        f.create("token=12-abc&click=c1&exto=s1&goal=sale");

        PostbackResult approved = f.status("token=12-abc&click=c1&exto=s1&status=approve");

        Lead lead = f.leadOf(approved);
        assertThat(lead.status()).isEqualTo(Status.HOLD);
        Instant releaseAt = MutableClock.START.plus(Duration.ofDays(14));
        assertThat(lead.state().held()).hasValueSatisfying(h -> assertThat(h.releaseAt()).isEqualTo(releaseAt));
        assertThat(approved.toJson()).contains("\"lead_status\":\"hold\"").contains("\"release_at\":\"" + releaseAt + "\"");
        assertThat(f.ledger(lead.id())).isEmpty();
        assertThat(f.lastJournal().message()).isEqualTo("lead updated; held until " + releaseAt);
    }

    @Test
    void theReleaseCountsFromTheSentTimeAndACreateWithAStatusIsHeldToo() {
        long sent = MutableClock.START.minus(Duration.ofDays(1)).getEpochSecond();

        Lead lead = f.leadOf(f.create("token=12-abc&click=c1&exto=s1&goal=sale&status=approve&time=" + sent));

        assertThat(lead.status()).isEqualTo(Status.HOLD);
        assertThat(lead.state().held().orElseThrow().releaseAt()).isEqualTo(Instant.ofEpochSecond(sent).plus(Duration.ofDays(14)));
    }

    @Test
    void releaseDueApprovesOnlyWhatIsDueBooksTheMoneyJournalsASystemEntryAndEmitsTheEvents() {
        Lead sale = f.leadOf(f.create("token=12-abc&click=c1&exto=s1&goal=sale&status=approve"));
        Lead quick = f.leadOf(f.create("token=12-abc&click=c2&exto=q1&goal=quick&status=approve"));
        events.clear();

        f.clock.advance(Duration.ofHours(1));
        int released = f.processor.releaseDue();

        assertThat(released).isEqualTo(1);
        assertThat(f.lead(quick.id()).status()).isEqualTo(Status.APPROVE);
        assertThat(f.lead(quick.id()).state().held()).isEmpty();
        assertThat(f.lead(sale.id()).status()).as("not due for 14 days").isEqualTo(Status.HOLD);
        assertThat(f.ledger(quick.id())).extracting(e -> e.reason()).containsOnly(BookingReason.APPROVE).hasSize(2);
        assertThat(f.booked(quick.id(), Party.ADVERTISER).amount()).isEqualByComparingTo("20");
        JournalEntry entry = f.lastJournal();
        assertThat(entry.action()).isEqualTo(Action.RELEASE);
        assertThat(entry.leadId()).hasValue(quick.id());
        assertThat(entry.outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(entry.params()).isEmpty();
        assertThat(events).extracting(LeadEvent::type).contains(EventType.STATUS_CHANGED, EventType.MONEY_BOOKED);
        assertThat(f.processor.releaseDue()).as("each lead is released once").isZero();
    }

    @Test
    void anotherApproveWhileHeldIsUnchangedAndAnSthWordIsStaleUnderTheDefaultPolicy() {
        f.create("token=12-abc&click=c1&exto=s1&goal=sale&status=approve");

        assertThat(f.status("token=12-abc&click=c1&exto=s1&status=approve").outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(f.status("token=12-abc&click=c1&exto=s1&status=hold").outcome())
                .as("the advertiser approved: a hold falls back from a decided status").isEqualTo(Outcome.STALE);
    }

    @Test
    void aCancelBeforeTheReleaseCancelsTheHold() {
        Lead lead = f.leadOf(f.create("token=12-abc&click=c1&exto=s1&goal=sale&status=approve"));

        Lead cancelled = f.leadOf(f.status("token=12-abc&click=c1&exto=s1&status=cancel"));
        f.clock.advance(Duration.ofDays(15));

        assertThat(cancelled.status()).isEqualTo(Status.CANCEL);
        assertThat(cancelled.state().held()).isEmpty();
        assertThat(f.processor.releaseDue()).isZero();
        assertThat(f.ledger(lead.id())).isEmpty();
    }

    @Test
    void aPlainHoldFromTheAdvertiserNeverReleasesByItself() {
        f.create("token=12-abc&click=c1&exto=s1&goal=sale&status=hold");
        f.clock.advance(Duration.ofDays(30));

        assertThat(f.processor.releaseDue()).isZero();
        assertThat(f.leads()).singleElement().satisfies(l -> assertThat(l.state().held()).isEmpty());
    }

    @Test
    void aGoalChangeWhileHeldRecomputesTheReleaseFromTheOriginalApprove() {
        f.create("token=12-abc&click=c1&exto=s1&goal=sale&status=approve");
        f.clock.advance(Duration.ofMinutes(10));

        Lead moved = f.leadOf(f.status("token=12-abc&click=c1&exto=s1&goal=quick"));
        Lead approved = f.leadOf(f.status("token=12-abc&click=c1&exto=s1&goal=reg"));

        assertThat(moved.state().held().orElseThrow().releaseAt()).isEqualTo(MutableClock.START.plus(Duration.ofHours(1)));
        assertThat(approved.status()).as("a goal without a hold period approves the held lead").isEqualTo(Status.APPROVE);
        assertThat(f.booked(approved.id(), Party.ADVERTISER).amount()).isEqualByComparingTo("10");
    }

    @Test
    void explainAndDryRunsReleaseNothing() {
        f.create("token=12-abc&click=c1&exto=s1&goal=sale");

        var explanation = f.processor.explain(io.postback.testing.Postbacks.status("token=12-abc&click=c1&exto=s1&status=approve"));

        assertThat(explanation.steps()).anySatisfy(s -> {
            assertThat(s.step()).isEqualTo("hold");
            assertThat(s.detail()).isEqualTo("goal 'sale' holds approvals for PT336H: hold until 2024-01-15T00:00:00Z");
        });
        assertThat(f.leads()).singleElement().satisfies(l -> assertThat(l.status()).isEqualTo(Status.NEW));
    }
}

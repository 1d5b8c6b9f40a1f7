package io.postback;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.model.BookingReason;
import io.postback.model.Lead;
import io.postback.model.LedgerEntry;
import io.postback.model.Outcome;
import io.postback.model.Status;
import io.postback.testing.EngineFixture;
import io.postback.testing.StoreSnapshot;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Rules §7: the default transition policy, a host's own table, and stale postbacks by time. */
class TransitionTest {

    /** Rules §7's words: decided are approve, cancel and trash; undecided are new, wait and hold. */
    private static final Set<Status> DECIDED = EnumSet.of(Status.APPROVE, Status.CANCEL, Status.TRASH);

    private final EngineFixture fx = EngineFixture.standard();

    private long leadIn(EngineFixture f, String click, Status status) {
        return f.create("token=12-abc&click=" + click + "&exto=o&status=" + status.wireName()).lead().orElseThrow().id();
    }

    static Stream<Arguments> everyChangeAStatusPostbackCanAskFor() {
        // a STATUS resolving to new is a CREATE (rules §3), so the target is never new here
        return EnumSet.allOf(Status.class).stream().flatMap(from -> EnumSet.complementOf(EnumSet.of(Status.NEW)).stream()
                .map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyChangeAStatusPostbackCanAskFor")
    void theDefaultPolicyNeverMovesADecidedLeadBackToAnUndecidedStatus(Status from, Status to) {
        long id = leadIn(fx, "m", from);
        StoreSnapshot before = fx.snapshot();

        PostbackResult result = fx.status("token=12-abc&click=m&exto=o&status=" + to.wireName());

        Outcome expected = from == to ? Outcome.UNCHANGED
                : DECIDED.contains(from) && !DECIDED.contains(to) ? Outcome.STALE : Outcome.UPDATED;
        assertThat(result.outcome()).isEqualTo(expected);
        assertThat(fx.lead(id).status()).isEqualTo(expected == Outcome.UPDATED ? to : from);
        if (expected != Outcome.UPDATED) {
            assertThat(fx.snapshot().sameLeadsAs(before)).isTrue();
            assertThat(result.lead()).contains(fx.lead(id));
        }
        assertThat(fx.lastJournal().outcome()).isEqualTo(expected);
    }

    @Test
    void aDecidedLeadStillTakesGoalAndMoneyChanges() {
        long id = leadIn(fx, "d1", Status.CANCEL);

        PostbackResult result = fx.status("token=12-abc&click=d1&exto=o&goal=dep&pay=70");

        assertThat(result.outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(fx.lead(id).state().goal()).isEqualTo("dep");
        assertThat(fx.lead(id).status()).isEqualTo(Status.CANCEL);
    }

    @Test
    void aStaleStatusWithAGoalChangesNeitherOfThem() {
        long id = leadIn(fx, "d2", Status.APPROVE);
        Lead before = fx.lead(id);

        assertThat(fx.status("token=12-abc&click=d2&exto=o&status=pending&goal=dep").outcome()).isEqualTo(Outcome.STALE);
        assertThat(fx.lead(id)).isEqualTo(before);
    }

    @Nested
    class HostTable {

        private final EngineFixture strict = EngineFixture.with(b -> b.transitionPolicy(TransitionPolicy.table(Map.of(
                Status.NEW, Set.of(Status.WAIT, Status.CANCEL),
                Status.WAIT, Set.of(Status.APPROVE),
                Status.APPROVE, Set.of(Status.HOLD)))));

        @Test
        void onlyTheTablesChangesAreMade() {
            long id = leadIn(strict, "h1", Status.NEW);

            assertThat(strict.status("token=12-abc&click=h1&exto=o&status=approved").outcome()).isEqualTo(Outcome.STALE);
            assertThat(strict.status("token=12-abc&click=h1&exto=o&status=pending").outcome()).isEqualTo(Outcome.UPDATED);
            assertThat(strict.status("token=12-abc&click=h1&exto=o&status=approved").outcome()).isEqualTo(Outcome.UPDATED);
            assertThat(strict.status("token=12-abc&click=h1&exto=o&status=cancelled").outcome()).isEqualTo(Outcome.STALE);
            assertThat(strict.lead(id).status()).isEqualTo(Status.APPROVE);
        }

        @Test
        void aTableMayAllowWhatTheDefaultRefusesAndTheMoneyFollows() {
            long id = leadIn(strict, "h2", Status.NEW);
            strict.status("token=12-abc&click=h2&exto=o&status=pending");
            strict.status("token=12-abc&click=h2&exto=o&status=approved");

            assertThat(strict.status("token=12-abc&click=h2&exto=o&status=hold").outcome()).isEqualTo(Outcome.UPDATED);

            assertThat(strict.lead(id).status()).isEqualTo(Status.HOLD);
            assertThat(strict.ledger(id)).extracting(LedgerEntry::reason)
                    .containsExactly(BookingReason.APPROVE, BookingReason.APPROVE, BookingReason.REVERSAL, BookingReason.REVERSAL);
            assertThat(strict.booked(id, io.postback.model.Party.ADVERTISER).isZero()).isTrue();
        }

        @Test
        void aStatusMissingFromTheTableMovesNowhere() {
            long id = leadIn(strict, "h3", Status.TRASH);

            assertThat(strict.status("token=12-abc&click=h3&exto=o&status=approved").outcome()).isEqualTo(Outcome.STALE);
            assertThat(strict.lead(id).status()).isEqualTo(Status.TRASH);
        }
    }

    @Nested
    class StaleByTime {

        private long leadAt(String click, String status, long time) {
            return fx.create("token=12-abc&click=" + click + "&exto=o&status=" + status + "&time=" + time)
                    .lead().orElseThrow().id();
        }

        private Outcome statusAt(String click, String params) {
            return fx.status("token=12-abc&click=" + click + "&exto=o&" + params).outcome();
        }

        @Test
        void aPostbackOlderThanTheLeadsLastChangeIsStaleEvenWhenThePolicyAllowsIt() {
            long id = leadAt("t1", "pending", 200);
            StoreSnapshot before = fx.snapshot();

            assertThat(statusAt("t1", "status=hold&time=199")).isEqualTo(Outcome.STALE);
            assertThat(fx.snapshot().sameLeadsAs(before)).isTrue();
            assertThat(fx.lead(id).status()).isEqualTo(Status.WAIT);
        }

        @Test
        void aRetriedPendingAfterApprovedCannotUndoIt() {
            long id = leadAt("t2", "pending", 100);
            statusAt("t2", "status=approved&time=200");

            assertThat(statusAt("t2", "status=pending&time=100")).isEqualTo(Outcome.STALE);
            assertThat(fx.lead(id).status()).isEqualTo(Status.APPROVE);
        }

        @Test
        void anOldCancelAfterANewerApproveIsStaleThoughDecidedToDecidedIsAllowed() {
            long id = leadAt("t3", "approved", 300);

            assertThat(statusAt("t3", "status=cancelled&time=299")).isEqualTo(Outcome.STALE);
            assertThat(fx.lead(id).status()).isEqualTo(Status.APPROVE);
            assertThat(statusAt("t3", "status=cancelled&time=301")).isEqualTo(Outcome.UPDATED);
        }

        @Test
        void anOldGoalOrMoneyChangeIsStaleToo() {
            long id = leadAt("t4", "approved", 300);

            assertThat(statusAt("t4", "goal=dep&time=100")).isEqualTo(Outcome.STALE);
            assertThat(statusAt("t4", "pay=99&time=100")).isEqualTo(Outcome.STALE);
            assertThat(fx.lead(id).state().goal()).isEqualTo("reg");
        }

        @Test
        void theSameTimeIsNotStale() {
            long id = leadAt("t5", "pending", 200);

            assertThat(statusAt("t5", "status=hold&time=200")).isEqualTo(Outcome.UPDATED);
            assertThat(fx.lead(id).status()).isEqualTo(Status.HOLD);
        }

        @Test
        void aPostbackWithoutTimeIsNeverStaleByTime() {
            long id = leadAt("t6", "pending", 999_999_999);

            assertThat(statusAt("t6", "status=hold")).isEqualTo(Outcome.UPDATED);
            assertThat(fx.lead(id).state().advertiserTime()).contains(Instant.ofEpochSecond(999_999_999));
        }

        @Test
        void theLeadKeepsTheNewestTimeApplied() {
            long id = leadAt("t7", "pending", 100);
            statusAt("t7", "status=hold&time=300");

            assertThat(fx.lead(id).state().advertiserTime()).contains(Instant.ofEpochSecond(300));
            assertThat(statusAt("t7", "status=approved&time=250")).isEqualTo(Outcome.STALE);
        }

        @Test
        void aTimeThatChangedNothingWasNotApplied() {
            long id = leadAt("t8", "pending", 100);

            assertThat(statusAt("t8", "status=waiting&time=300")).isEqualTo(Outcome.UNCHANGED);
            assertThat(statusAt("t8", "status=hold&time=200")).isEqualTo(Outcome.UPDATED);
            assertThat(fx.lead(id).state().advertiserTime()).contains(Instant.ofEpochSecond(200));
        }

        @Test
        void theStaleCheckComesBeforeTheUnchangedCheck() {
            leadAt("t9", "approved", 300);

            assertThat(statusAt("t9", "status=approved&time=299")).isEqualTo(Outcome.STALE);
            assertThat(statusAt("t9", "status=approved&time=300")).isEqualTo(Outcome.UNCHANGED);
        }

        @Test
        void aLeadWithoutTimeTakesAnyTime() {
            fx.create("token=12-abc&click=t10&exto=o");

            assertThat(statusAt("t10", "status=hold&time=1")).isEqualTo(Outcome.UPDATED);
        }
    }
}

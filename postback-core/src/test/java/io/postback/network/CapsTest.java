package io.postback.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.PostbackResult;
import io.postback.model.CapSlot;
import io.postback.model.ErrorCode;
import io.postback.model.Lead;
import io.postback.model.Outcome;
import io.postback.model.Status;
import io.postback.testing.EngineFixture;
import io.postback.testing.NetworkCatalog;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Rules §14, caps: exactly N in a period; over them, refused or stored in another status. */
class CapsTest {

    static final String SALE_SLOT = "o1|approve|day|Europe/Berlin|f*|w*|g=sale";
    final EngineFixture f = NetworkCatalog.engine();

    @Test
    void aCapCountingApproveAdmitsMaxHeldApprovalsAndRejectsTheNextWithNothingChanged() {
        for (int i = 1; i <= 3; i++) {
            f.create("token=12-abc&click=c" + i + "&exto=s&goal=sale");
        }
        f.status("token=12-abc&click=c1&exto=s&status=approve");
        f.status("token=12-abc&click=c2&exto=s&status=approve");

        PostbackResult third = f.status("token=12-abc&click=c3&exto=s&status=approve");

        assertThat(third.isRejected()).isTrue();
        PostbackResult.Rejected rejected = (PostbackResult.Rejected) third;
        assertThat(rejected.code()).isEqualTo(ErrorCode.CAP);
        assertThat(rejected.message()).isEqualTo("cap 'sale-daily' (2 approve per day) has no room left in 2024-01-01");
        assertThat(rejected.strictHttpStatus()).isEqualTo(403);
        assertThat(third.toJson()).contains("\"error\":\"cap\"");
        assertThat(f.leads()).filteredOn(l -> l.status() == Status.HOLD).hasSize(2);
        assertThat(f.store.capUsed(new CapSlot(SALE_SLOT, "2024-01-01"))).isEqualTo(2);
        assertThat(f.lastJournal().error()).hasValue(ErrorCode.CAP);
    }

    @Test
    void aLeadLeavingWithinThePeriodFreesItsSlotAndOneThatLeavesLaterDoesNot() {
        for (int i = 1; i <= 4; i++) {
            f.create("token=12-abc&click=c" + i + "&exto=s&goal=sale");
        }
        f.status("token=12-abc&click=c1&exto=s&status=approve");
        f.status("token=12-abc&click=c2&exto=s&status=approve");

        Lead cancelled = f.leadOf(f.status("token=12-abc&click=c1&exto=s&status=cancel"));
        PostbackResult third = f.status("token=12-abc&click=c3&exto=s&status=approve");

        assertThat(cancelled.state().capSlots()).isEmpty();
        assertThat(third.isRejected()).as("the cancel gave its slot back").isFalse();
        f.clock.advance(Duration.ofDays(1));
        f.status("token=12-abc&click=c2&exto=s&status=trash");
        assertThat(f.store.capUsed(new CapSlot(SALE_SLOT, "2024-01-01"))).as("a past period is history").isEqualTo(2);
        assertThat(f.status("token=12-abc&click=c4&exto=s&status=approve").isRejected()).as("a new day").isFalse();
    }

    @Test
    void theDayBeginsInTheCapsZone() {
        f.clock.set(java.time.Instant.parse("2024-01-01T23:30:00Z")); // 00:30 on 2 January in Berlin
        f.create("token=12-abc&click=c1&exto=s&goal=sale&status=approve");

        assertThat(f.store.capUsed(new CapSlot(SALE_SLOT, "2024-01-02"))).isEqualTo(1);
    }

    @Test
    void overTrashStoresTheLeadInTrashAndTheAnswerAndJournalSayWhichCapDecided() {
        for (int i = 1; i <= 3; i++) {
            assertThat(f.create("token=12-abc&click=c" + i + "&code=7B2C-11AA").outcome()).isEqualTo(Outcome.CREATED);
        }

        PostbackResult fourth = f.create("token=12-abc&click=c4&code=7B2C-11AA");
        PostbackResult otherFlow = f.create("token=12-abc&click=c5&code=5FAC-D4E8");

        assertThat(fourth.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(f.leadOf(fourth).status()).isEqualTo(Status.TRASH);
        assertThat(f.journal()).filteredOn(e -> e.leadId().equals(java.util.OptionalLong.of(f.leadOf(fourth).id())))
                .singleElement().satisfies(e -> assertThat(e.message())
                        .isEqualTo("lead created; cap 'reg-total' (3 create in total) is full: trash"));
        assertThat(f.leadOf(otherFlow).status()).as("the cap counts flow 1235 only").isEqualTo(Status.NEW);
    }

    @Test
    void explainListsEveryCapTriedAndTheOneThatDecided() {
        f.create("token=12-abc&click=c1&exto=s&goal=sale&status=approve");
        f.create("token=12-abc&click=c2&exto=s&goal=sale&status=approve");

        var explanation = f.processor.explain(io.postback.testing.Postbacks.create(
                "token=12-abc&click=c3&exto=s&goal=sale&status=approve"));

        assertThat(explanation.result().isRejected()).isTrue();
        assertThat(explanation.steps()).filteredOn(s -> s.step().equals("cap")).extracting(s -> s.detail()).containsExactly(
                "cap 'sale-daily' (2 approve per day): takes a slot of 2024-01-01",
                "cap 'reg-total' (3 create in total): does not count this lead",
                "cap 'sale-daily' (2 approve per day) is full for 2024-01-01: rejected");
        assertThat(f.leads()).hasSize(2);
    }
}

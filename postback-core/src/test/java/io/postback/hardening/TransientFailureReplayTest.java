package io.postback.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.JournalReplayer;
import io.postback.JournalReplayer.Disposition;
import io.postback.JournalReplayer.Replay;
import io.postback.PostbackResult;
import io.postback.memory.InMemoryLeadStore;
import io.postback.model.ErrorCode;
import io.postback.model.Lead;
import io.postback.model.Money;
import io.postback.model.Party;
import io.postback.model.Status;
import io.postback.spi.Effects;
import io.postback.spi.Insertion;
import io.postback.spi.StoreException;
import io.postback.testing.EngineFixture;
import io.postback.testing.ForwardingLeadStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 3: {@code store} and {@code conflict} rejections told the sender to send the
 * postback again. Replaying them applied old postbacks over newer changes and made duplicate
 * leads; they are not replayed by default, and a forced replay is never applied over a later
 * change of its lead or click.
 */
class TransientFailureReplayTest {

    private final InMemoryLeadStore store = new InMemoryLeadStore();
    private final AtomicBoolean storeDown = new AtomicBoolean();
    private final EngineFixture engine = EngineFixture.fronted(store, new ForwardingLeadStore(store) {
        @Override
        public Insertion insert(Lead lead, Effects effects) {
            failIfDown();
            return super.insert(lead, effects);
        }

        @Override
        public io.postback.spi.Update update(Lead lead, Effects effects) {
            failIfDown();
            return super.update(lead, effects);
        }
    }, b -> { });

    private void failIfDown() {
        if (storeDown.get()) {
            throw new StoreException("lock timeout");
        }
    }

    /** Every postback a second after the previous one, as a real sender's would be. */
    private PostbackResult send(boolean create, String query) {
        engine.clock.advance(Duration.ofSeconds(1));
        return create ? engine.create("token=12-abc&" + query) : engine.status("token=12-abc&" + query);
    }

    private PostbackResult whileDown(boolean create, String query) {
        storeDown.set(true);
        try {
            PostbackResult result = send(create, query);
            assertThat(result).isInstanceOfSatisfying(PostbackResult.Rejected.class,
                    r -> assertThat(r.code()).isEqualTo(ErrorCode.STORE));
            return result;
        } finally {
            storeDown.set(false);
        }
    }

    private JournalReplayer replayer() {
        return new JournalReplayer(engine.processor, store, engine.catalog);
    }

    @Test
    void aStoreFailureOvertakenByTheSendersRetryAndALaterApprovalIsNeverReplayedOverThem() {
        Lead lead = engine.leadOf(send(true, "click=c1&exto=o1"));
        whileDown(false, "click=c1&exto=o1&status=cancelled");
        assertThat(send(false, "click=c1&exto=o1&status=cancelled").outcome().wireName()).isEqualTo("updated");
        send(false, "click=c1&exto=o1&status=approved&goal=dep");

        JournalReplayer.Report byDefault = replayer().replayRejected(0, 100);
        JournalReplayer.Report forced = replayer().includingTransientFailures().replayRejected(0, 100);

        assertThat(byDefault.replays()).extracting(Replay::disposition).containsExactly(Disposition.NOT_REPLAYABLE);
        assertThat(forced.replays()).extracting(Replay::disposition).containsExactly(Disposition.SUPERSEDED);
        Lead after = engine.lead(lead.id());
        assertThat(after.status()).isEqualTo(Status.APPROVE);
        assertThat(engine.booked(lead.id(), Party.ADVERTISER)).isEqualTo(Money.of("50", "EUR"));
        assertThat(engine.booked(lead.id(), Party.WEBMASTER)).isEqualTo(Money.of("30", "EUR"));
    }

    @Test
    void createsAnsweredStoreThatTheSendersRetriedMakeNoSecondLead() {
        for (int k = 0; k < 12; k++) {
            whileDown(true, "click=outage-" + k);
            send(true, "click=outage-" + k);
        }

        JournalReplayer.Report byDefault = replayer().replayRejected(0, 100);
        JournalReplayer.Report forced = replayer().includingTransientFailures().replayRejected(0, 100);

        assertThat(byDefault.count(Disposition.NOT_REPLAYABLE)).isEqualTo(12);
        assertThat(forced.count(Disposition.SUPERSEDED)).isEqualTo(12);
        assertThat(engine.leads()).hasSize(12);
    }

    @Test
    void aForcedReplayAppliesAStoreFailureNothingOvertookOnce() {
        whileDown(true, "click=never-retried&goal=dep");
        Lead other = engine.leadOf(send(true, "click=c2&exto=o2"));
        whileDown(false, "click=c2&exto=o2&status=approved");

        JournalReplayer forcing = replayer().includingTransientFailures();
        JournalReplayer.Report first = forcing.replayRejected(0, 100);
        JournalReplayer.Report again = forcing.replayRejected(0, 100);

        assertThat(first.replays()).extracting(Replay::disposition).containsExactly(Disposition.APPLIED, Disposition.APPLIED);
        assertThat(again.replays()).extracting(Replay::disposition)
                .containsExactly(Disposition.ALREADY_REPLAYED, Disposition.ALREADY_REPLAYED);
        assertThat(engine.leads()).hasSize(2);
        assertThat(engine.lead(other.id()).status()).isEqualTo(Status.APPROVE);
    }

    @Test
    void aCreateWithoutClickOrExtoIsNeverReplayedFromAStoreFailure() {
        whileDown(true, "flow=1234");

        JournalReplayer.Report forced = replayer().includingTransientFailures().replayRejected(0, 100);

        assertThat(forced.replays()).extracting(Replay::disposition).containsExactly(Disposition.NOT_REPLAYABLE);
        assertThat(engine.leads()).isEmpty();
    }
}

package io.postback.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.JournalReplayer;
import io.postback.JournalReplayer.Disposition;
import io.postback.PostbackProcessor;
import io.postback.PostbackRequest;
import io.postback.memory.InMemoryLeadStore;
import io.postback.memory.InMemoryOfferCatalog;
import io.postback.model.Action;
import io.postback.model.ErrorCode;
import io.postback.model.Goal;
import io.postback.model.Offer;
import io.postback.model.Outcome;
import io.postback.model.Site;
import io.postback.model.WebmasterRate;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class JournalReplayTest {

    final InMemoryLeadStore store = new InMemoryLeadStore();

    static InMemoryOfferCatalog catalog(String... depAliases) {
        return catalog(Site.of(12, 1, "abc"), depAliases);
    }

    static InMemoryOfferCatalog catalog(Site site, String... depAliases) {
        Offer offer = new Offer(1, "o", Currency.getInstance("EUR"), List.of(
                Goal.of("reg", "10", WebmasterRate.fixed("4")),
                Goal.of("dep", "50", WebmasterRate.fixed("30"), depAliases)), "reg");
        return InMemoryOfferCatalog.builder().offer(offer).site(site).build();
    }

    @Test
    void aPostbackRejectedForAMissingGoalAliasIsAppliedOnceAfterTheFix() {
        PostbackProcessor before = PostbackProcessor.builder(store, catalog()).build();
        assertThat(before.handle(create("token=12-abc&click=c1&exto=o1&goal=ftd")).isRejected()).isTrue();
        assertThat(store.leadCount()).isZero();

        InMemoryOfferCatalog fixed = catalog("ftd");
        PostbackProcessor after = PostbackProcessor.builder(store, fixed).build();
        JournalReplayer replayer = new JournalReplayer(after, store, fixed);
        JournalReplayer.Report first = replayer.replayRejected(0, 100);
        JournalReplayer.Report second = replayer.replayRejected(0, 100);

        assertThat(first.replays()).singleElement().satisfies(r -> {
            assertThat(r.disposition()).isEqualTo(Disposition.APPLIED);
            assertThat(r.result().orElseThrow().outcome()).isEqualTo(Outcome.CREATED);
            assertThat(r.result().orElseThrow().lead().orElseThrow().state().goal()).isEqualTo("dep");
        });
        assertThat(second.replays()).singleElement()
                .satisfies(r -> assertThat(r.disposition()).isEqualTo(Disposition.ALREADY_REPLAYED));
        assertThat(store.leadCount()).isEqualTo(1);
    }

    @Test
    void aReplayThatFailsAgainStaysReplayableAndIsNotItselfReplayed() {
        InMemoryOfferCatalog catalog = catalog();
        PostbackProcessor processor = PostbackProcessor.builder(store, catalog).build();
        processor.handle(create("token=12-abc&click=c1&goal=ftd"));
        JournalReplayer replayer = new JournalReplayer(processor, store, catalog);

        JournalReplayer.Report first = replayer.replayRejected(0, 100);
        JournalReplayer.Report again = replayer.replayRejected(0, 100);

        assertThat(first.count(Disposition.STILL_REJECTED)).isEqualTo(1);
        assertThat(again.replays()).singleElement().satisfies(r -> {
            assertThat(r.journalId()).isEqualTo(first.replays().get(0).journalId());
            assertThat(r.disposition()).isEqualTo(Disposition.STILL_REJECTED);
        });
    }

    @Test
    void rejectionsTheCatalogCannotCureAreNotReplayed() {
        InMemoryOfferCatalog catalog = catalog("ftd");
        PostbackProcessor processor = PostbackProcessor.builder(store, catalog).build();
        processor.handle(create("token=12-wrong&click=c1"));
        processor.handle(create("token=12-abc&click={click}"));
        processor.handle(create("token=12-abc&click=c1&pay=-5"));

        JournalReplayer.Report report = new JournalReplayer(processor, store, catalog).replayRejected(0, 100);

        assertThat(report.replays()).hasSize(3).allSatisfy(r -> assertThat(r.disposition()).isEqualTo(Disposition.NOT_REPLAYABLE));
        assertThat(store.leadCount()).isZero();
    }

    @Test
    void aStatusThatArrivedBeforeItsCreateIsAppliedByTheReplay() {
        InMemoryOfferCatalog catalog = catalog();
        PostbackProcessor processor = PostbackProcessor.builder(store, catalog).build();
        processor.handle(PostbackRequest.fromQuery(Action.STATUS, "token=12-abc&click=c1&exto=o1&status=approved"));
        processor.handle(create("token=12-abc&click=c1&exto=o1"));

        JournalReplayer.Report report = new JournalReplayer(processor, store, catalog).replayRejected(0, 100);

        assertThat(report.count(Disposition.APPLIED)).isEqualTo(1);
        assertThat(store.latestLeads(1).get(0).status().wireName()).isEqualTo("approve");
    }

    @Test
    void aSignedPostbackIsReplayedLongAfterItsSignatureWindowClosed() {
        Site signed = Site.of(12, 1, "abc").withSigningSecret(SignedPostbackTest.SECRET);
        java.time.Instant sent = SignedPostbackTest.NOW;
        PostbackProcessor atArrival = PostbackProcessor.builder(store, catalog(signed))
                .clock(java.time.Clock.fixed(sent, java.time.ZoneOffset.UTC)).build();
        String query = "token=12-abc&click=c1&exto=o1&goal=ftd&time=" + sent.getEpochSecond();
        String sig = SignedPostbackTest.hmac(io.postback.internal.SignatureBase.of(
                io.postback.internal.ReceivedParamsParser.fromUrlEncoded(query)));
        assertThat(atArrival.handle(create(query + "&sig=" + sig)).isRejected()).isTrue();

        InMemoryOfferCatalog fixed = catalog(signed, "ftd");
        PostbackProcessor dayLater = PostbackProcessor.builder(store, fixed)
                .clock(java.time.Clock.fixed(sent.plus(java.time.Duration.ofDays(1)), java.time.ZoneOffset.UTC)).build();
        JournalReplayer.Report report = new JournalReplayer(dayLater, store, fixed).replayRejected(0, 100);

        assertThat(report.count(Disposition.APPLIED)).isEqualTo(1);
        assertThat(store.leadCount()).isEqualTo(1);
    }

    @Test
    void thePreviewTellsWhatAReplayWouldDoAndWritesNothing() {
        PostbackProcessor before = PostbackProcessor.builder(store, catalog()).build();
        before.handle(create("token=12-abc&click=c1&exto=o1&goal=ftd"));
        before.handle(create("token=12-wrong&click=c2"));
        before.handle(create("token=12-abc&click=c3&goal=bonus"));
        InMemoryOfferCatalog fixed = catalog("ftd");
        PostbackProcessor after = PostbackProcessor.builder(store, fixed).build();
        JournalReplayer replayer = new JournalReplayer(after, store, fixed);
        List<io.postback.model.JournalEntry> journal = store.latestJournal(100);

        JournalReplayer.Report preview = replayer.preview(0, 100);

        // The preview runs each replay as a dry run: it tells what the replay will do, as the replay then does.
        assertThat(preview.replays()).extracting(JournalReplayer.Replay::disposition)
                .containsExactly(Disposition.APPLIED, Disposition.NOT_REPLAYABLE, Disposition.STILL_REJECTED);
        assertThat(preview.replays()).extracting(r -> r.originalError().orElseThrow())
                .containsExactly(ErrorCode.GOAL, ErrorCode.TOKEN, ErrorCode.GOAL);
        assertThat(preview.replays().get(0).result()).hasValueSatisfying(r -> assertThat(r.outcome())
                .isEqualTo(io.postback.model.Outcome.CREATED));
        assertThat(preview.replays().get(1).result()).isEmpty();
        assertThat(store.latestJournal(100)).isEqualTo(journal);
        assertThat(store.leadCount()).isZero();

        JournalReplayer.Report replayed = replayer.replayRejected(0, 100);
        assertThat(replayed.replays()).extracting(JournalReplayer.Replay::disposition)
                .containsExactly(Disposition.APPLIED, Disposition.NOT_REPLAYABLE, Disposition.STILL_REJECTED);
        assertThat(replayed.lastJournalId()).isEqualTo(preview.lastJournalId());
        assertThat(store.latestJournal(100)).as("the replay rejected again is not journaled again")
                .hasSize(journal.size() + 1);
        assertThat(replayer.preview(0, 100).replays()).extracting(JournalReplayer.Replay::disposition)
                .containsExactly(Disposition.ALREADY_REPLAYED, Disposition.NOT_REPLAYABLE, Disposition.STILL_REJECTED);
    }

    private static PostbackRequest create(String query) {
        return PostbackRequest.fromQuery(Action.CREATE, query);
    }
}

package io.postback.testing.contract;

import io.postback.JournalReplayer;
import io.postback.PostbackProcessor;
import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.model.LedgerEntry;
import io.postback.spi.LeadHistory;
import io.postback.spi.LeadStore;
import io.postback.spi.OfferCatalog;
import io.postback.spi.RejectionCount;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Two nodes replaying the same journal entry at the same moment, each with its own processor and
 * replayer. Both are made to pass the "already replayed?" check before either writes, so that only
 * the store can keep the entry from being applied twice.
 */
public final class ReplayRace {

    private ReplayRace() {
    }

    /** The two replays of {@code entry}, in no particular order. */
    public static List<JournalReplayer.Replay> twoNodes(LeadStore store, LeadHistory history, OfferCatalog catalog,
                                                        JournalEntry entry) throws Exception {
        CyclicBarrier bothChecked = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<JournalReplayer.Replay>> replays = List.of(
                    pool.submit(() -> node(store, history, catalog, bothChecked).replay(entry)),
                    pool.submit(() -> node(store, history, catalog, bothChecked).replay(entry)));
            return List.of(replays.get(0).get(30, TimeUnit.SECONDS), replays.get(1).get(30, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    private static JournalReplayer node(LeadStore store, LeadHistory history, OfferCatalog catalog, CyclicBarrier bothChecked) {
        PostbackProcessor processor = PostbackProcessor.builder(store, catalog).build();
        return new JournalReplayer(processor, new CheckedTogether(history, bothChecked), catalog);
    }

    /** The store's history, except that {@code replayed} answers only once both nodes have asked. */
    private record CheckedTogether(LeadHistory history, CyclicBarrier bothChecked) implements LeadHistory {

        @Override
        public boolean replayed(long journalId) {
            boolean replayed = history.replayed(journalId);
            try {
                bothChecked.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the other node never checked", e);
            }
            return replayed;
        }

        @Override
        public Optional<Lead> lead(long leadId) {
            return history.lead(leadId);
        }

        @Override
        public List<Lead> latestLeads(int limit) {
            return history.latestLeads(limit);
        }

        @Override
        public List<LedgerEntry> ledger(long leadId) {
            return history.ledger(leadId);
        }

        @Override
        public List<Lead> leadsCreated(long offerId, java.time.Instant from, java.time.Instant to, long afterId, int limit) {
            return history.leadsCreated(offerId, from, to, afterId, limit);
        }

        @Override
        public List<JournalEntry> latestJournal(int limit) {
            return history.latestJournal(limit);
        }

        @Override
        public List<JournalEntry> rejectedAfter(long afterId, int limit) {
            return history.rejectedAfter(afterId, limit);
        }

        @Override
        public List<Lead> leadsOfClick(String click, int limit) {
            return history.leadsOfClick(click, limit);
        }

        @Override
        public List<Lead> leadsOfExto(String exto, int limit) {
            return history.leadsOfExto(exto, limit);
        }

        @Override
        public List<JournalEntry> journalOf(long leadId, int limit) {
            return history.journalOf(leadId, limit);
        }

        @Override
        public List<RejectionCount> rejectionsSince(Instant since, int max) {
            return history.rejectionsSince(since, max);
        }
    }
}

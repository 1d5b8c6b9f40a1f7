package io.postback.examples.docs;

import io.postback.JournalReplayer;
import io.postback.PostbackProcessor;
import io.postback.spi.LeadHistory;
import io.postback.spi.OfferCatalog;

/** The fragment of docs/replay.md, "From Java". */
final class ReplaySnippets {

    private ReplaySnippets() {
    }

    static long replay(PostbackProcessor processor, LeadHistory leadStore, OfferCatalog catalog) {
        // tag::replay[]
        JournalReplayer replayer = new JournalReplayer(processor, leadStore, catalog); // leadStore: a LeadHistory
        JournalReplayer.Report preview = replayer.preview(0, 1000);         // what each replay would do; writes nothing
        JournalReplayer.Report report = replayer.replayRejected(0, 1000);   // replays; oldest first
        long next = report.lastJournalId();                                 // pass as afterId to continue
        // end::replay[]
        return next;
    }
}

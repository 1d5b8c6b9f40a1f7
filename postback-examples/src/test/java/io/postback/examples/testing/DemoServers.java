package io.postback.examples.testing;

import io.postback.examples.demo.DemoOptions;
import io.postback.examples.demo.DemoServer;
import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.model.LedgerEntry;
import io.postback.spi.LeadHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Starts the demo server on a free port with a private in-memory H2 database, through the JDBC store. */
public final class DemoServers {

    private DemoServers() {
    }

    public static DemoServer start() throws Exception {
        return DemoServer.start(DemoOptions.defaults().withPort(0).withJdbcUrl(privateH2()));
    }

    /**
     * A demo that journals every postback, those without a valid token too: for tests that check
     * the journal row of each hostile postback they send from one address (the per-address limit
     * of unauthenticated rows has a test of its own in the core).
     */
    public static DemoServer startJournalingEveryPostback(DemoOptions options) throws Exception {
        return DemoServer.start(options.withPostbacks(options.postbacks().withUnauthenticatedPerMinute(Integer.MAX_VALUE)));
    }

    /** An in-memory H2 database of its own; it lives as long as the server's pool holds a connection. */
    public static String privateH2() {
        return "jdbc:h2:mem:demo-" + UUID.randomUUID();
    }

    /** Every lead with its ledger, newest first: equal snapshots mean nothing was written. */
    public record Snapshot(List<Lead> leads, List<List<LedgerEntry>> ledgers) {
    }

    public static Snapshot snapshot(LeadHistory history) {
        List<Lead> leads = history.latestLeads(10_000);
        List<List<LedgerEntry>> ledgers = new ArrayList<>();
        for (Lead lead : leads) {
            ledgers.add(history.ledger(lead.id()));
        }
        return new Snapshot(leads, ledgers);
    }

    public static JournalEntry lastJournalEntry(LeadHistory history) {
        List<JournalEntry> latest = history.latestJournal(1);
        if (latest.isEmpty()) {
            throw new AssertionError("the journal is empty");
        }
        return latest.get(0);
    }
}

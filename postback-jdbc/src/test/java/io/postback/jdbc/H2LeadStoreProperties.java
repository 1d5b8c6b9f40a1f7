package io.postback.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.PostbackProcessor;
import io.postback.PostbackRequest;
import io.postback.PostbackResult;
import io.postback.jdbc.testing.Invariants;
import io.postback.jdbc.testing.TestDatabases;
import io.postback.model.Action;
import io.postback.model.Lead;
import io.postback.model.Outcome;
import io.postback.testing.TestCatalog;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Random postback sequences through the processor over the JDBC store (on H2, the fastest real
 * database here): whatever the order, a repeated creation is a duplicate of the first, the lead's
 * version counts its updates, and its ledger sums to what it earns.
 */
class H2LeadStoreProperties {

    private static final DataSource DB = TestDatabases.h2();
    private static final JdbcLeadStore STORE = JdbcLeadStore.builder(DB).build();
    private static final PostbackProcessor PROCESSOR = PostbackProcessor.builder(STORE, TestCatalog.create()).build();
    private static final AtomicInteger LEADS = new AtomicInteger();

    @Property(tries = 60)
    void anySequenceKeepsTheLedgerAndTheVersionRight(@ForAll("changes") @Size(max = 12) List<String> changes) {
        String ids = "token=" + TestCatalog.TOKEN_12 + "&click=prop-" + LEADS.incrementAndGet() + "&exto=e";
        Lead created = PROCESSOR.handle(PostbackRequest.fromQuery(Action.CREATE, ids + "&goal=rs")).lead().orElseThrow();
        int updates = 0;
        for (String change : changes) {
            PostbackResult result = PROCESSOR.handle(PostbackRequest.fromQuery(Action.STATUS, ids + "&" + change));
            if (result.outcome() == Outcome.UPDATED) {
                updates++;
            }
            if (change.startsWith("again")) {
                PostbackResult again = PROCESSOR.handle(PostbackRequest.fromQuery(Action.CREATE, ids));
                assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE);
                assertThat(again.lead().orElseThrow().id()).isEqualTo(created.id());
            }
        }
        Lead lead = STORE.lead(created.id()).orElseThrow();
        assertThat(lead.version()).isEqualTo(1 + updates);
        Invariants.assertLedgerSumsToEarnings(STORE, lead);
    }

    @Provide
    Arbitrary<List<String>> changes() {
        return Arbitraries.of("status=approved", "status=wait", "status=hold", "status=cancelled", "status=trash",
                "goal=dep", "goal=reg", "goal=rs", "pay=12.5", "pay=0", "wm=3.25", "pay=99.99999999&goal=rs",
                "again=1&status=approved", "comment=x%00y").list();
    }
}

package io.postback.examples.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.PostbackProcessor;
import io.postback.PostbackRequest;
import io.postback.PostbackResult;
import io.postback.examples.demo.DemoOptions;
import io.postback.examples.demo.DemoServer;
import io.postback.memory.InMemoryLeadStore;
import io.postback.memory.InMemoryOfferCatalog;
import io.postback.model.Action;
import io.postback.model.Lead;
import io.postback.model.Outcome;
import java.math.BigDecimal;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The reconciler's judgement of a row is the processor's: a row matches exactly when the site's own
 * postback of it would change nothing, whether the row took the shortcut for plainly agreeing rows
 * or the dry run (docs/rules.md §16.5).
 */
class ReconcilerProperties {

    private static final InMemoryOfferCatalog CATALOG = catalog();

    private static InMemoryOfferCatalog catalog() {
        try {
            return DemoServer.loadCatalog(DemoOptions.defaults());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Property(tries = 300)
    void aRowMatchesExactlyWhenItsPostbackWouldChangeNothing(@ForAll("leadQueries") String created,
                                                              @ForAll("words") String status,
                                                              @ForAll("goals") Optional<String> goal,
                                                              @ForAll("amounts") Optional<BigDecimal> amount) {
        InMemoryLeadStore store = new InMemoryLeadStore();
        PostbackProcessor processor = PostbackProcessor.builder(store, CATALOG).build();
        PostbackResult result = processor.handle(PostbackRequest.fromQuery(Action.CREATE, "token=12-abc&click=k1&exto=o1&" + created));
        Lead lead = result.lead().orElseThrow();
        Reconciler reconciler = new Reconciler(processor, store, store, CATALOG.site(12).orElseThrow(),
                CATALOG.offer(1).orElseThrow());
        ReportRow row = new ReportRow(2, Optional.of("k1"), "o1", status, goal, amount, Optional.empty());

        Finding finding = reconciler.check(row);

        // The row's postback as rules §16.5 has it: pay only when the amount is not the lead's payout already.
        String query = "token=12-abc&click=k1&exto=o1&status=" + status + goal.map(g -> "&goal=" + g).orElse("")
                + amount.filter(a -> a.compareTo(lead.state().payout().amount()) != 0).map(a -> "&pay=" + a.toPlainString())
                        .orElse("");
        Outcome engine = processor.explainReconcile(PostbackRequest.fromQuery(Action.STATUS, query)).result().outcome();
        boolean engineChangesNothing = engine == Outcome.UNCHANGED || engine == Outcome.DUPLICATE;
        assertThat(finding.matches()).as("lead %s %s %s; row %s %s %s; the engine says %s; finding %s", lead.status(),
                lead.state().goal(), lead.state().payout(), status, goal, amount, engine, finding).isEqualTo(engineChangesNothing);
        assertThat(store.lead(lead.id())).as("a check writes nothing").contains(lead);
    }

    @Provide
    Arbitrary<String> leadQueries() {
        return Arbitraries.of("goal=reg", "goal=reg&status=approve", "goal=dep&status=wait", "goal=rs&status=approve&pay=80",
                "goal=premium&status=approve", "status=trash", "goal=dep&status=hold", "status=cancel&pay=10");
    }

    @Provide
    Arbitrary<String> words() {
        return Arbitraries.of("approved", "approve", "Approved!", "in_review", "pending", "wait", "hold", "declined",
                "cancel", "trash", "new", "ok", "lead_ok");
    }

    @Provide
    Arbitrary<Optional<String>> goals() {
        return Arbitraries.of(Optional.empty(), Optional.of("reg"), Optional.of("REG"), Optional.of("registration"),
                Optional.of(" signup "), Optional.of("dep"), Optional.of("deposit"), Optional.of("rs"), Optional.of("premium"),
                Optional.of("vip"));
    }

    @Provide
    Arbitrary<Optional<BigDecimal>> amounts() {
        return Arbitraries.of(Optional.empty(), Optional.of(new BigDecimal("10")), Optional.of(new BigDecimal("10.00")),
                Optional.of(new BigDecimal("50")), Optional.of(new BigDecimal("80")), Optional.of(new BigDecimal("12.5")));
    }
}

package io.postback;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.model.Action;
import io.postback.model.Lead;
import io.postback.model.Outcome;
import io.postback.model.Party;
import io.postback.testing.EngineFixture;
import io.postback.testing.StoreSnapshot;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import net.jqwik.api.statistics.Statistics;

/**
 * The lead state machine under random sequences of CREATE and STATUS postbacks on a few clicks,
 * flows and extos of two offers. After every step: each lead's ledger sums to what it currently
 * earns, no decided lead has fallen back (default policy), and a token of one offer changed no
 * lead of the other. Each postback is first explained: the dry run writes nothing and decides
 * what handle then does.
 */
class LeadStateMachineProperties {

    @Property(tries = 150)
    void invariantsHoldAfterEveryPostback(@ForAll("chains") ActionChain<Machine> chain) {
        Machine end = chain.withInvariant("the ledger of each lead sums to what it earns", Machine::ledgersMatchEarnings)
                .withInvariant("no decided lead fell back", Machine::noDecidedLeadFellBack)
                .run();

        // the chains must reach the interesting states: money booked and reversed, stale answers
        Statistics.label("steps").collect(chain.transformations().size() / 10 * 10);
        end.outcomes.forEach(o -> Statistics.label("outcomes").collect(o));
        Statistics.label("outcomes").coverage(c -> {
            c.check(Outcome.UPDATED).percentage(p -> p > 10);
            c.check(Outcome.STALE).percentage(p -> p > 1);
            c.check(Outcome.DUPLICATE).percentage(p -> p > 1);
        });
        Statistics.label("ledger").collect(end.fx.leads().stream().anyMatch(l -> end.fx.ledger(l.id()).stream()
                .anyMatch(e -> e.reason() == io.postback.model.BookingReason.REVERSAL)) ? "some reversal" : "no reversal");
        Statistics.label("ledger").coverage(c -> c.check("some reversal").percentage(p -> p > 20));
    }

    @Provide
    Arbitrary<ActionChain<Machine>> chains() {
        return ActionChain.startWith(Machine::new)
                .withAction(3, Machine.send(Action.CREATE))
                .withAction(6, Machine.send(Action.STATUS))
                .withAction(1, net.jqwik.api.state.Action.just(
                        Transformer.mutate("an hour passes", m -> m.fx.clock.advance(Duration.ofHours(1)))))
                .withMaxTransformations(40);
    }

    static final class Machine {
        final EngineFixture fx = EngineFixture.standard();
        private final Set<Long> everDecided = new HashSet<>();
        final List<Outcome> outcomes = new java.util.ArrayList<>();

        static net.jqwik.api.state.Action.Independent<Machine> send(Action action) {
            return () -> postbacks(action).map(query -> Transformer.mutate(action + " " + query, m -> m.send(action, query)));
        }

        void send(Action action, String query) {
            long ownOffer = query.contains("token=12-abc") ? 1 : 2;
            Map<Long, Lead> otherOffersLeads = leadsOfOffer(3 - ownOffer);

            PostbackRequest request = PostbackRequest.fromQuery(action, query);
            StoreSnapshot before = fx.snapshot();
            Explanation dryRun = fx.processor.explain(request);
            assertThat(fx.snapshot()).as("explain wrote something").isEqualTo(before);

            PostbackResult result = fx.handle(request);

            assertThat(decision(dryRun.result())).as("explain and handle decided differently").isEqualTo(decision(result));
            outcomes.add(result.outcome());

            assertThat(leadsOfOffer(3 - ownOffer)).as("a token of offer %d touched offer %d", ownOffer, 3 - ownOffer)
                    .isEqualTo(otherOffersLeads);
        }

        private static String decision(PostbackResult result) {
            if (result instanceof PostbackResult.Rejected r) {
                return r.code() + " " + r.message();
            }
            Lead lead = result.lead().orElseThrow();
            return result.outcome() + " " + (result.outcome() == Outcome.CREATED ? "new lead" : "lead " + lead.id()) + " "
                    + lead.status() + " " + lead.state().goal() + " " + lead.state().payout() + " " + lead.state().commission();
        }

        private Map<Long, Lead> leadsOfOffer(long offerId) {
            Map<Long, Lead> leads = new LinkedHashMap<>();
            fx.leads().stream().filter(l -> l.offerId() == offerId).forEach(l -> leads.put(l.id(), l));
            return leads;
        }

        void ledgersMatchEarnings() {
            for (Lead lead : fx.leads()) {
                for (Party party : Party.values()) {
                    assertThat(fx.booked(lead.id(), party)).as("%s booked for lead %d (%s)", party, lead.id(), lead.status())
                            .isEqualTo(lead.state().earned(party));
                }
            }
        }

        void noDecidedLeadFellBack() {
            for (Lead lead : fx.leads()) {
                if (everDecided.contains(lead.id())) {
                    assertThat(lead.status().isDecided()).as("lead %d was decided and is now %s", lead.id(), lead.status())
                            .isTrue();
                }
                if (lead.status().isDecided()) {
                    everDecided.add(lead.id());
                }
            }
        }

        @Override
        public String toString() {
            return fx.leads().stream().map(l -> l.id() + ":" + l.offerId() + ":" + l.status().wireName() + ":"
                    + l.state().goal() + ":" + l.state().payout() + "/" + l.state().commission())
                    .collect(Collectors.joining(" ", "Machine[", "]"));
        }
    }

    /** A postback's query: mostly valid, on few identifiers so that postbacks meet the same leads. */
    static Arbitrary<String> postbacks(Action action) {
        Arbitrary<Boolean> offer1 = Arbitraries.of(true, true, true, false);
        return offer1.flatMap(first -> {
            Arbitrary<String> token = Arbitraries.just(first ? "token=12-abc" : "token=13-xyz");
            Arbitrary<String> identification = Arbitraries.frequencyOf(
                    Tuple.of(16, Arbitraries.of("click=c1", "click=c2", "click=c3")),
                    Tuple.of(3, Arbitraries.of(first ? List.of("flow=1234", "code=5FAC-D4E8", "flow=1235")
                            : List.of("flow=2001", "code=OTHER-1"))),
                    // a flow of the other offer, and a click with a flow: rejected or keyed by the click
                    Tuple.of(1, Arbitraries.of("flow=2001", "flow=1234", "click=c1&flow=1234")));
            Arbitrary<String> exto = Arbitraries.of("", "", "&exto=e1", "&exto=e2");
            Arbitrary<String> status = Arbitraries.of("new", "pending", "waiting", "hold", "approved", "approved", "ok",
                    "Lead_OK", "cancelled", "chargeback", "trash", "fraud", "zz&sta=zz", "zz&sth=zz", "created")
                    .map(w -> "&status=" + w);
            Arbitrary<String> maybeStatus = action == Action.CREATE
                    ? Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.just(""), status)
                    : Arbitraries.oneOf(Arbitraries.just(""), status, status, status, status);
            Arbitrary<String> goal = first
                    ? Arbitraries.of("", "", "", "&goal=reg", "&goal=ftd", "&goal=rs", "&goal=revshare", "&goal=dep")
                    : Arbitraries.of("", "", "", "&goal=lead", "&goal=LEAD");
            Arbitrary<String> money = Arbitraries.of("", "", "", "", "&pay=12", "&pay=7.5", "&pay=100,5", "&pay=0",
                    "&wm=3", "&pay=40&wm=9", "&pay=33.33");
            Arbitrary<String> extra = action == Action.CREATE
                    ? Arbitraries.of("", "", "", "&time=100", "&time=105", "&comment=c")
                    : Arbitraries.of("", "", "", "&time=100", "&time=105", "&time=110", "&auto=1", "&auto=1",
                            "&auto=1&time=103", "&comment=c", "&stn=pending");
            return Combinators.combine(token, identification, exto, maybeStatus, goal, money, extra)
                    .as((t, id, e, st, g, m, x) -> t + "&" + id + e + st + g + m + x);
        });
    }
}

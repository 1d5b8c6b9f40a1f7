package io.postback.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.Explanation;
import io.postback.PostbackRequest;
import io.postback.PostbackResult;
import io.postback.model.Action;
import io.postback.model.Cap;
import io.postback.model.CapSlot;
import io.postback.model.Lead;
import io.postback.model.Offer;
import io.postback.model.Outcome;
import io.postback.model.Party;
import io.postback.model.Status;
import io.postback.testing.EngineFixture;
import io.postback.testing.NetworkCatalog;
import io.postback.testing.StoreSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import net.jqwik.api.statistics.Statistics;

/**
 * The network rules (rules §12–§14) under random sequences of creates, repeats, status changes,
 * goal and money changes, passing time, hold releases and cap-limited creates. After every step:
 * each lead's ledger sums to what it earns, a held lead earns nothing, and no cap's period holds
 * more than its max. Each postback is explained first: explain decides what handle then does.
 */
class NetworkRulesProperties {

    @Property(tries = 150)
    void moneyAndCapsHoldAfterEveryStep(@ForAll("chains") ActionChain<Machine> chain) {
        Machine end = chain.withInvariant("the ledger of each lead sums to what it earns", Machine::ledgersMatchEarnings)
                .withInvariant("a held lead earns nothing", Machine::heldLeadsEarnNothing)
                .withInvariant("no cap is exceeded", Machine::noCapExceeded)
                .run();

        end.events.forEach(e -> Statistics.label("events").collect(e));
        Statistics.label("events").coverage(c -> {
            c.check("added").percentage(p -> p > 1);
            c.check("held").percentage(p -> p > 1);
            c.check("released").percentage(p -> p > 0.2);
            c.check("cap").percentage(p -> p > 0.1);
        });
    }

    @Provide
    Arbitrary<ActionChain<Machine>> chains() {
        return ActionChain.startWith(Machine::new)
                .withAction(4, Machine.send(Action.CREATE))
                .withAction(5, Machine.send(Action.STATUS))
                .withAction(1, net.jqwik.api.state.Action.just(Transformer.mutate("time passes",
                        m -> m.fx.clock.advance(Duration.ofMinutes(50)))))
                .withAction(1, net.jqwik.api.state.Action.just(Transformer.mutate("a day passes",
                        m -> m.fx.clock.advance(Duration.ofHours(20)))))
                .withAction(2, net.jqwik.api.state.Action.just(Transformer.mutate("releaseDue", Machine::release)))
                .withMaxTransformations(50);
    }

    static final class Machine {
        final EngineFixture fx = NetworkCatalog.engine();
        final Offer offer = fx.catalog.offer(1).orElseThrow();
        final List<String> events = new ArrayList<>();
        /** Leads of goal reg and flow 1235 created without a full cap turning them away (cap 'reg-total'). */
        long admittedRegs;
        /** Every cap slot a lead was seen holding, and each create cap's periods. */
        final Set<CapSlot> slotsSeen = new HashSet<>();

        static net.jqwik.api.state.Action.Independent<Machine> send(Action action) {
            return () -> postbacks(action).map(query -> Transformer.mutate(action + " " + query, m -> m.send(action, query)));
        }

        void send(Action action, String query) {
            PostbackRequest request = PostbackRequest.fromQuery(action, query);
            StoreSnapshot before = fx.snapshot();
            Explanation dryRun = fx.processor.explain(request);
            assertThat(fx.snapshot()).as("explain wrote something").isEqualTo(before);
            Instant now = fx.clock.instant();

            PostbackResult result = fx.handle(request);

            assertThat(decision(dryRun.result())).as("explain and handle decided differently").isEqualTo(decision(result));
            if (result instanceof PostbackResult.Rejected r && r.code() == io.postback.model.ErrorCode.CAP
                    || !result.isRejected() && fx.lastJournal().message().contains(" is full: ")) {
                events.add("cap");
            }
            if (result.outcome() == Outcome.CREATED && result.lead().get().state().goal().equals("reg")
                    && result.lead().get().flowId().equals(java.util.OptionalLong.of(1235))
                    && !fx.lastJournal().message().contains(" is full: ")) {
                admittedRegs++;
            }
            if (result instanceof PostbackResult.Applied a && a.added().isPresent()) {
                events.add("added");
            }
            if (result.lead().isPresent() && result.lead().get().state().held().isPresent()) {
                events.add("held");
            }
            for (Cap cap : offer.caps()) {
                slotsSeen.add(new CapSlot(cap.key(offer.id()), cap.period(now)));
            }
        }

        void release() {
            if (fx.processor.releaseDue() > 0) {
                events.add("released");
            }
        }

        private static String decision(PostbackResult result) {
            if (result instanceof PostbackResult.Rejected r) {
                return r.code() + " " + r.message();
            }
            Lead lead = result.lead().orElseThrow();
            return result.outcome() + " " + (result.outcome() == Outcome.CREATED ? "new lead" : "lead " + lead.id()) + " "
                    + lead.status() + " " + lead.state().goal() + " " + lead.state().payout() + " " + lead.state().commission()
                    + " " + lead.state().held() + " " + lead.state().capSlots();
        }

        void ledgersMatchEarnings() {
            for (Lead lead : fx.leads()) {
                for (Party party : Party.values()) {
                    assertThat(fx.booked(lead.id(), party)).as("%s booked for lead %d (%s)", party, lead.id(), lead.status())
                            .isEqualTo(lead.state().earned(party));
                }
            }
        }

        void heldLeadsEarnNothing() {
            for (Lead lead : fx.leads()) {
                if (lead.state().held().isPresent()) {
                    assertThat(lead.status()).isEqualTo(Status.HOLD);
                    assertThat(fx.booked(lead.id(), Party.ADVERTISER).isZero()).as("lead %d is held", lead.id()).isTrue();
                    assertThat(fx.booked(lead.id(), Party.WEBMASTER).isZero()).as("lead %d is held", lead.id()).isTrue();
                }
            }
        }

        void noCapExceeded() {
            Map<CapSlot, Integer> holders = new HashMap<>();
            for (Lead lead : fx.leads()) {
                for (CapSlot slot : lead.state().capSlots()) {
                    holders.merge(slot, 1, Integer::sum);
                    slotsSeen.add(slot);
                }
            }
            for (CapSlot slot : slotsSeen) {
                Cap cap = offer.capByKey(slot.cap()).orElseThrow();
                long used = fx.store.capUsed(slot);
                assertThat(used).as("%s in %s", cap.describe(), slot.period()).isLessThanOrEqualTo(cap.max());
                assertThat(holders.getOrDefault(slot, 0)).as("leads holding %s in %s", cap.describe(), slot.period())
                        .isLessThanOrEqualTo((int) used);
            }
            assertThat(admittedRegs).as("reg leads of flow 1235 the create cap admitted").isLessThanOrEqualTo(3);
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder("Machine[");
            for (Lead l : fx.leads()) {
                s.append(l.id()).append(':').append(l.status().wireName()).append(':').append(l.state().goal()).append(':')
                        .append(l.state().payout()).append('/').append(l.state().commission()).append(' ');
            }
            return s.append(']').toString();
        }
    }

    /** Postbacks on few clicks, extos and goals, so that they meet the same leads, repeats and caps. */
    static Arbitrary<String> postbacks(Action action) {
        Arbitrary<String> click = Arbitraries.of("click=c1", "click=c2", "click=c3", "click=c4");
        Arbitrary<String> exto = Arbitraries.of("", "", "&exto=e1", "&exto=e2", "&exto=e3");
        Arbitrary<String> flow = Arbitraries.of("", "", "&code=7B2C-11AA", "&code=5FAC-D4E8");
        Arbitrary<String> status = Arbitraries.of("approved", "approved", "approved", "pending", "hold", "cancelled", "trash",
                "ok").map(w -> "&status=" + w);
        Arbitrary<String> maybeStatus = action == Action.CREATE
                ? Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.just(""), status)
                : Arbitraries.oneOf(Arbitraries.just(""), status, status, status);
        Arbitrary<String> goal = Arbitraries.of("", "&goal=reg", "&goal=sale", "&goal=sale", "&goal=sale", "&goal=quick",
                "&goal=ftd", "&goal=dep", "&goal=dep", "&goal=upsell");
        Arbitrary<String> money = Arbitraries.of("", "", "", "&pay=40", "&pay=700", "&wm=3", "&pay=20&wm=9", "&wm=1500");
        Arbitrary<String> extra = Arbitraries.of("", "", "", "&country=XX", "&sub1=test1", "&country=DE", "&auto=1");
        return Combinators.combine(click, exto, flow, maybeStatus, goal, money, extra)
                .as((c, e, fl, st, g, m, x) -> "token=12-abc&" + c + e + fl + st + g + m + x);
    }
}

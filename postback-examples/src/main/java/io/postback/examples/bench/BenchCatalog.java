package io.postback.examples.bench;

import io.postback.memory.InMemoryOfferCatalog;
import io.postback.memory.NetworkRulesJson;
import io.postback.model.Cap;
import io.postback.model.Flow;
import io.postback.model.Goal;
import io.postback.model.Offer;
import io.postback.model.OutboundPostback;
import io.postback.model.Rule;
import io.postback.model.Site;
import io.postback.model.Status;
import io.postback.model.UrlTemplate;
import io.postback.model.WebmasterRate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** A bounded catalog like a real offer's: a few goals with aliases, CPA and RevShare, one site, two flows. */
public final class BenchCatalog {

    public static final String TOKEN = "12-k3Jq9vX2mP7wL4tZ";

    private BenchCatalog() {
    }

    public static InMemoryOfferCatalog create() {
        return create(offer());
    }

    /**
     * The same catalog whose offer has a cap and two postback controls (docs/rules.md §14) that
     * every postback is tried against: a daily cap on created leads too large to fill, a rule on
     * large deposits and one on a missing click. None of them decides for the workload's postbacks.
     */
    public static InMemoryOfferCatalog withCapAndRules() {
        Cap daily = new Cap("daily", Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), Cap.Per.DAY,
                ZoneId.of("Europe/Berlin"), 1_000_000_000L, Cap.Counts.CREATE, Cap.Over.REJECT);
        List<Rule> rules = NetworkRulesJson.rules("""
                [{"name": "big-deposit", "when": {"goal": "dep", "pay": {"gt": "500"}}, "then": "hold"},
                 {"name": "no-click", "when": {"missing": ["click", "flow", "code"]}, "then": "reject"}]
                """, "bench offer");
        return create(offer().withCaps(List.of(daily)).withRules(rules));
    }

    /** A tracker URL for {@link #withOutboundPostback(String)}: four macros, the event id among them. */
    public static final String OUTBOUND_URL = "https://tracker.example/pb?cid={click}&s={status}&p={commission}&e={event}";

    /**
     * The same catalog with one outbound postback (docs/outbound.md) that matches every create and
     * approve of every lead: each such postback enqueues one delivery with its lead change.
     */
    public static InMemoryOfferCatalog withOutboundPostback(String url) {
        OutboundPostback postback = new OutboundPostback(1, OptionalLong.empty(), Optional.empty(), OptionalLong.empty(),
                OptionalLong.empty(), Set.of(OutboundPostback.Trigger.CREATE, OutboundPostback.Trigger.APPROVE),
                OutboundPostback.Method.GET, UrlTemplate.parse(url, List.of(), "bench postback"), Optional.empty());
        return InMemoryOfferCatalog.builder()
                .offer(offer())
                .site(site())
                .flow(new Flow(1234, "5FAC-D4E8", 1, 77))
                .flow(new Flow(1235, "7B2C-11AA", 1, 78))
                .outboundPostback(postback)
                .build();
    }

    private static Site site() {
        return Site.of(12, 1, "k3Jq9vX2mP7wL4tZ").withStatusAliases(Map.of("lead_ok", Status.APPROVE));
    }

    private static Offer offer() {
        return new Offer(1, "Bench casino", Currency.getInstance("EUR"), List.of(
                Goal.of("reg", "10", WebmasterRate.fixed("4"), "registration", "signup"),
                Goal.of("dep", "50", WebmasterRate.fixed("30"), "deposit", "ftd"),
                Goal.of("rs", "100", WebmasterRate.revShare("40"), "revshare")), "reg");
    }

    private static InMemoryOfferCatalog create(Offer offer) {
        return InMemoryOfferCatalog.builder()
                .offer(offer)
                .site(site())
                .flow(new Flow(1234, "5FAC-D4E8", 1, 77))
                .flow(new Flow(1235, "7B2C-11AA", 1, 78))
                .build();
    }
}

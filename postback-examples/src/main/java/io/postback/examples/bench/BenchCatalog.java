package io.postback.examples.bench;

import io.postback.memory.InMemoryOfferCatalog;
import io.postback.model.Flow;
import io.postback.model.Goal;
import io.postback.model.Offer;
import io.postback.model.Site;
import io.postback.model.Status;
import io.postback.model.WebmasterRate;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/** A bounded catalog like a real offer's: a few goals with aliases, CPA and RevShare, one site, two flows. */
public final class BenchCatalog {

    public static final String TOKEN = "12-k3Jq9vX2mP7wL4tZ";

    private BenchCatalog() {
    }

    public static InMemoryOfferCatalog create() {
        Offer offer = new Offer(1, "Bench casino", Currency.getInstance("EUR"), List.of(
                Goal.of("reg", "10", WebmasterRate.fixed("4"), "registration", "signup"),
                Goal.of("dep", "50", WebmasterRate.fixed("30"), "deposit", "ftd"),
                Goal.of("rs", "100", WebmasterRate.revShare("40"), "revshare")), "reg");
        return InMemoryOfferCatalog.builder()
                .offer(offer)
                .site(Site.of(12, 1, "k3Jq9vX2mP7wL4tZ").withStatusAliases(Map.of("lead_ok", Status.APPROVE)))
                .flow(new Flow(1234, "5FAC-D4E8", 1, 77))
                .flow(new Flow(1235, "7B2C-11AA", 1, 78))
                .build();
    }
}

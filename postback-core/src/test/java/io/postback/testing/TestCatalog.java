package io.postback.testing;

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

/**
 * The catalog the tests share (also through the test-jar):
 * <ul>
 *   <li>offer 1 (EUR): goals {@code reg} (aliases registration, signup; payout 10, CPA 4, default),
 *       {@code dep} (aliases deposit, ftd; payout 50, CPA 30), {@code rs} (alias revshare; payout 100, RevShare 40%)</li>
 *   <li>offer 2 (USD): goal {@code lead} (payout 5, CPA 2)</li>
 *   <li>site 12 {@value #KEY_12} for offer 1, with aliases {@code lead_ok -> approve}, {@code in_review -> wait};
 *       site 13 {@value #KEY_13} for offer 2</li>
 *   <li>flows 1234 {@code 5FAC-D4E8} (webmaster 77) and 1235 {@code 7B2C-11AA} (webmaster 78) of offer 1,
 *       2001 {@code OTHER-1} of offer 2</li>
 *   <li>individual rates: flow 1235 on {@code dep} CPA 35; webmaster 77 on {@code rs} RevShare 50%</li>
 * </ul>
 */
public final class TestCatalog {

    public static final String KEY_12 = "abc";
    public static final String KEY_13 = "xyz";
    public static final String TOKEN_12 = "12-" + KEY_12;
    public static final String TOKEN_13 = "13-" + KEY_13;

    private TestCatalog() {
    }

    public static InMemoryOfferCatalog create() {
        return create(List.of());
    }

    /** The catalog, with offer 1 declaring {@code fields} (rules §11). */
    public static InMemoryOfferCatalog create(List<String> fields) {
        Offer casino = new Offer(1, "Casino", Currency.getInstance("EUR"), List.of(
                Goal.of("reg", "10", WebmasterRate.fixed("4"), "registration", "signup"),
                Goal.of("dep", "50", WebmasterRate.fixed("30"), "deposit", "ftd"),
                Goal.of("rs", "100", WebmasterRate.revShare("40"), "revshare")), "reg", fields);
        Offer other = new Offer(2, "Other", Currency.getInstance("USD"), List.of(
                Goal.of("lead", "5", WebmasterRate.fixed("2"))), "lead");
        return InMemoryOfferCatalog.builder()
                .offer(casino)
                .offer(other)
                .site(Site.of(12, 1, KEY_12).withStatusAliases(Map.of("lead_ok", Status.APPROVE, "in_review", Status.WAIT)))
                .site(Site.of(13, 2, KEY_13))
                .flow(new Flow(1234, "5FAC-D4E8", 1, 77))
                .flow(new Flow(1235, "7B2C-11AA", 1, 78))
                .flow(new Flow(2001, "OTHER-1", 2, 77))
                .flowRate(1, "dep", 1235, WebmasterRate.fixed("35"))
                .webmasterRate(1, "rs", 77, WebmasterRate.revShare("50"))
                .build();
    }
}

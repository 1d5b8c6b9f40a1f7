package io.postback.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postback.memory.InMemoryOfferCatalog;
import io.postback.memory.NetworkRulesJson;
import io.postback.model.Flow;
import io.postback.model.Goal;
import io.postback.model.Offer;
import io.postback.model.OutboundPostback;
import io.postback.model.Repeat;
import io.postback.model.Site;
import io.postback.model.Status;
import io.postback.model.UrlTemplate;
import io.postback.model.WebmasterRate;
import io.postback.testing.TestCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The catalog tables: written by importCatalog, read back into the same catalog, refreshed on demand or by age. */
abstract class AbstractOfferCatalogTest {

    private DataSource db;

    protected abstract DataSource database();

    @BeforeEach
    void setUp() {
        db = database();
    }

    @Test
    void anImportedCatalogReadsBackTheSame() {
        InMemoryOfferCatalog original = hostileCatalog();
        JdbcOfferCatalog.importCatalog(db, original);

        JdbcOfferCatalog read = JdbcOfferCatalog.builder(db).build();

        assertThat(original.offers()).allSatisfy(offer -> assertThat(offer.caps()).hasSize(3))
                .allSatisfy(offer -> assertThat(offer.rules().get(0).when()).hasSize(9));
        for (Offer offer : original.offers()) {
            assertThat(read.offer(offer.id())).contains(offer);
            for (Goal goal : offer.goals()) {
                for (Flow flow : original.flows()) {
                    assertThat(read.individualRate(offer, goal, OptionalLong.of(flow.id()), OptionalLong.of(flow.webmasterId())))
                            .isEqualTo(original.individualRate(offer, goal, OptionalLong.of(flow.id()), OptionalLong.of(flow.webmasterId())));
                }
            }
        }
        for (Site site : original.sites()) {
            assertThat(site.rules()).hasSize(2);
            assertThat(read.site(site.id())).contains(site);
        }
        for (Flow flow : original.flows()) {
            assertThat(read.flow(flow.id())).contains(flow);
            assertThat(read.flowByCode(flow.code())).contains(flow);
        }
        assertThat(read.flowByCode("5fac-d4e8")).as("flow codes compare exactly").isEmpty();
        assertThat(read.site(999)).isEmpty();
    }

    /** Rules §15: every filter, event, method and secret of the catalog's outbound postbacks comes back. */
    @Test
    void anImportedCatalogsOutboundPostbacksReadBackTheSame() {
        InMemoryOfferCatalog original = hostileCatalog();
        JdbcOfferCatalog.importCatalog(db, original);

        JdbcOfferCatalog read = JdbcOfferCatalog.builder(db).build();

        assertThat(original.outboundPostbacks()).hasSize(2);
        assertThat(read.outboundPostbacks(7)).isEqualTo(original.outboundPostbacks(7)).hasSize(2);
        for (OutboundPostback postback : original.outboundPostbacks()) {
            assertThat(read.outboundPostback(postback.id())).contains(postback);
        }
        assertThat(read.outboundPostback(999)).isEmpty();
        assertThat(read.secrets()).contains(SECRET);
    }

    @Test
    void aMalformedOutboundPostbackInTheTablesFailsTheReadingNamingIt() throws Exception {
        JdbcOfferCatalog.importCatalog(db, hostileCatalog());
        execute("UPDATE pb_outbound_postback SET url = 'https://tracker.example/pb?x={payout}' WHERE id = 3");

        assertThatThrownBy(() -> JdbcOfferCatalog.builder(db).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("postback 3: unknown macro {payout}");

        execute("UPDATE pb_outbound_postback SET url = 'https://tracker.example/pb?x={field.nope}' WHERE id = 3");
        assertThatThrownBy(() -> JdbcOfferCatalog.builder(db).build()).hasMessageContaining("postback 3: macro {field.nope}");
        execute("UPDATE pb_outbound_postback SET url = 'https://tracker.example/pb', triggers = 'approve,explode' WHERE id = 3");
        assertThatThrownBy(() -> JdbcOfferCatalog.builder(db).build()).hasMessageContaining("postback 3: unknown event 'explode'");
    }

    @Test
    void aMalformedCapOrRuleInTheTablesFailsTheReadingNamingIt() throws Exception {
        JdbcOfferCatalog.importCatalog(db, hostileCatalog());
        execute("UPDATE pb_offer SET caps = '[{\"name\": \"weekly\", \"per\": \"week\", \"max\": 1, \"counts\": \"create\"}]'");

        assertThatThrownBy(() -> JdbcOfferCatalog.builder(db).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offer 7 cap 'weekly'").hasMessageContaining("'per' must be one of day, month, total");

        execute("UPDATE pb_offer SET caps = NULL");
        execute("UPDATE pb_site SET rules = '[{\"name\": \"odd\", \"then\": \"explode\"}]'");
        assertThatThrownBy(() -> JdbcOfferCatalog.builder(db).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("site 99 rule 'odd'");
        execute("UPDATE pb_site SET rules = NULL");
        execute("UPDATE pb_goal SET hold_period = 'two weeks' WHERE goal_id = 'dep'");
        assertThatThrownBy(() -> JdbcOfferCatalog.builder(db).build()).hasMessageContaining("reading the catalog failed")
                .getCause().hasMessageContaining("'two weeks'");
    }

    private void execute(String sql) throws Exception {
        try (java.sql.Connection c = db.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.executeUpdate(sql);
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    @Test
    void theSnapshotChangesOnRefreshOrWhenItIsOlderThanThePeriod() {
        JdbcOfferCatalog.importCatalog(db, TestCatalog.create());
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        JdbcOfferCatalog manual = JdbcOfferCatalog.builder(db).build();
        JdbcOfferCatalog timed = JdbcOfferCatalog.builder(db).refreshEvery(Duration.ofMinutes(1)).clock(clock).build();

        JdbcOfferCatalog.importCatalog(db, hostileCatalog());
        assertThat(manual.site(99)).isEmpty();
        assertThat(timed.site(99)).isEmpty();

        manual.refresh();
        now.set(now.get().plusSeconds(61));
        assertThat(manual.site(99)).isPresent();
        assertThat(timed.site(99)).isPresent();
        assertThat(timed.site(12)).isEmpty();
    }

    /**
     * Secrets, aliases and names with quotes, 4-byte characters and SQL; both kinds of rate; goals
     * with repeat settings and hold periods, caps and rules of every kind (rules §12-§14); outbound
 * postbacks with every filter and none (rules §15).
     */
    private static final String SECRET = "pb-s3cr3t'\" \uD83D\uDE00";

    private static InMemoryOfferCatalog hostileCatalog() {
        String hostile = "it's \"x\" '; DROP TABLE pb_offer; -- \uD83D\uDE00 \uD835\uDD18";
        Offer offer = new Offer(7, hostile, Currency.getInstance("USD"), List.of(
                Goal.of("reg", "10.5", WebmasterRate.fixed("4.25"), "registration", hostile).withRepeat(Repeat.ADD)
                        .withHoldPeriod(Duration.ofDays(14).plusSeconds(1)),
                Goal.of("rs", "100", WebmasterRate.revShare("33.5")).withRepeat(Repeat.IGNORE),
                Goal.of("dep", "1", WebmasterRate.fixed("0")).withHoldPeriod(Duration.ofSeconds(1))),
                "rs", List.of("adv1", "sub_id_2", "country"))
                .withCaps(NetworkRulesJson.caps("[{\"name\": \"dep-daily \u00e9\", \"goal\": \"reg\", \"flow\": 5, \"webmaster\": 70, "
                        + "\"per\": \"day\", \"zone\": \"Europe/Berlin\", \"max\": 100, \"counts\": \"approve\", \"over\": \"hold\"}, "
                        + "{\"per\": \"total\", \"max\": 0, \"counts\": \"create\"}, "
                        + "{\"per\": \"month\", \"max\": 9, \"counts\": \"create\", \"over\": \"trash\"}]", "offer 7"))
                .withRules(NetworkRulesJson.rules("[{\"name\": \"big-deposit\", \"when\": {\"goal\": [\"reg\", \"rs\"], "
                        + "\"status\": \"approve\", \"pay\": {\"gt\": \"500\", \"le\": \"1000.5\"}, \"flow\": [5, 6], \"webmaster\": 70, "
                        + "\"field.adv1\": {\"eq\": \"x'; --\"}, \"field.country\": {\"prefix\": \"D\"}, \"missing\": [\"sub_id_2\"]}, "
                        + "\"then\": \"hold\"}, {\"name\": \"it's \\\"odd\\\" \uD83D\uDE00\", \"then\": \"reject\"}]", "offer 7"));
        return InMemoryOfferCatalog.builder()
                .offer(offer)
                .site(Site.of(99, 7, "key'\"\\" + hostile).withSigningSecret("s3cr3t'" + hostile)
                        .withStatusAliases(Map.of("Lead_OK", Status.APPROVE, "\u0432\u0437\u044F\u0442", Status.HOLD))
                        .withAllowedSources(List.of("10.0.0.0/8", "2001:db8::/32", "192.0.2.1"))
                        .withRules(NetworkRulesJson.rules("[{\"name\": \"site-trash\", \"when\": {\"wm\": {\"lt\": \"1\"}}, "
                                + "\"then\": \"trash\"}, {\"name\": \"cancel-all\", \"then\": \"cancel\"}]", "site 99")))
                .outboundPostback(new OutboundPostback(3, OptionalLong.of(7), Optional.of("reg"), OptionalLong.of(70),
                        OptionalLong.of(5), Set.of(OutboundPostback.Trigger.CREATE, OutboundPostback.Trigger.APPROVE,
                        OutboundPostback.Trigger.MONEY), OutboundPostback.Method.POST,
                        UrlTemplate.parse("https://tracker.example/pb?cid={click}&s={status}&a={field.adv1}&e={event}&q='%22",
                                offer.fields(), "postback 3"), Optional.of(SECRET)))
                .outboundPostback(new OutboundPostback(4, OptionalLong.empty(), Optional.empty(), OptionalLong.empty(),
                        OptionalLong.empty(), Set.of(OutboundPostback.Trigger.values()), OutboundPostback.Method.GET,
                        UrlTemplate.parse("http://tracker.example:8080/{offer}/{goal}?c={commission}{currency}&t={time}", List.of(),
                                "postback 4"), Optional.empty()))
                .flow(new Flow(5, "5FAC-D4E8", 7, 70))
                .flow(new Flow(6, "X_1", 7, 71))
                .flowRate(7, "reg", 5, WebmasterRate.fixed("5"))
                .webmasterRate(7, "rs", 71, WebmasterRate.revShare("50"))
                .build();
    }
}

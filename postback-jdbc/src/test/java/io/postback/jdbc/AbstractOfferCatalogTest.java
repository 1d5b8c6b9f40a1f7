package io.postback.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.memory.InMemoryOfferCatalog;
import io.postback.model.Flow;
import io.postback.model.Goal;
import io.postback.model.Offer;
import io.postback.model.Site;
import io.postback.model.Status;
import io.postback.model.WebmasterRate;
import io.postback.testing.TestCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
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
            assertThat(read.site(site.id())).contains(site);
        }
        for (Flow flow : original.flows()) {
            assertThat(read.flow(flow.id())).contains(flow);
            assertThat(read.flowByCode(flow.code())).contains(flow);
        }
        assertThat(read.flowByCode("5fac-d4e8")).as("flow codes compare exactly").isEmpty();
        assertThat(read.site(999)).isEmpty();
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

    /** Secrets, aliases and names with quotes, 4-byte characters and SQL; both kinds of rate. */
    private static InMemoryOfferCatalog hostileCatalog() {
        String hostile = "it's \"x\" '; DROP TABLE pb_offer; -- \uD83D\uDE00 \uD835\uDD18";
        Offer offer = new Offer(7, hostile, Currency.getInstance("USD"), List.of(
                Goal.of("reg", "10.5", WebmasterRate.fixed("4.25"), "registration", hostile),
                Goal.of("rs", "100", WebmasterRate.revShare("33.5"))), "rs", List.of("adv1", "sub_id_2", "country"));
        return InMemoryOfferCatalog.builder()
                .offer(offer)
                .site(Site.of(99, 7, "key'\"\\" + hostile).withSigningSecret("s3cr3t'" + hostile)
                        .withStatusAliases(Map.of("Lead_OK", Status.APPROVE, "\u0432\u0437\u044F\u0442", Status.HOLD))
                        .withAllowedSources(List.of("10.0.0.0/8", "2001:db8::/32", "192.0.2.1")))
                .flow(new Flow(5, "5FAC-D4E8", 7, 70))
                .flow(new Flow(6, "X_1", 7, 71))
                .flowRate(7, "reg", 5, WebmasterRate.fixed("5"))
                .webmasterRate(7, "rs", 71, WebmasterRate.revShare("50"))
                .build();
    }
}

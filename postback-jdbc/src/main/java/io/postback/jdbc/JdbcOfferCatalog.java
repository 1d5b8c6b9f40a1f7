package io.postback.jdbc;

import io.postback.jdbc.internal.CatalogReader;
import io.postback.jdbc.internal.CatalogWriter;
import io.postback.jdbc.internal.JdbcRunner;
import io.postback.jdbc.internal.RefreshedSnapshot;
import io.postback.memory.InMemoryOfferCatalog;
import io.postback.model.Flow;
import io.postback.model.Goal;
import io.postback.model.Offer;
import io.postback.model.OutboundPostback;
import io.postback.model.Site;
import io.postback.model.WebmasterRate;
import io.postback.spi.OfferCatalog;
import io.postback.spi.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog kept in the database's {@code pb_offer}, {@code pb_goal}, {@code pb_site}, ...
 * tables, outbound postbacks in {@code pb_outbound_postback} (see {@link Schema}). The processor asks the catalog on every postback, so this one answers
 * from an in-memory snapshot of the tables, read when it is built and again on {@link #refresh()}
 * or, with {@link Builder#refreshEvery(Duration)}, when the snapshot is older than that. A failed
 * timed refresh keeps the previous snapshot and is tried again after the next period.
 */
public final class JdbcOfferCatalog implements OfferCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcOfferCatalog.class);

    private final CatalogReader reader;
    private final RefreshedSnapshot<InMemoryOfferCatalog> snapshot;

    private JdbcOfferCatalog(Builder b) {
        Schema.requireInstalled(b.dataSource, JdbcLeadStore.detect(b.dataSource), Schema.CATALOG_TABLES, "JdbcOfferCatalog");
        this.reader = new CatalogReader(new JdbcRunner(b.dataSource));
        this.snapshot = new RefreshedSnapshot<>(this::read, b.refreshEvery, b.clock, LOG, "the catalog");
    }

    /** The tables as they are now; an empty catalog is loaded, with a warning each time it is read. */
    private InMemoryOfferCatalog read() {
        InMemoryOfferCatalog catalog = reader.load();
        if (catalog.hasNoSites()) {
            LOG.warn("the catalog tables have no sites: every postback without a global token will be answered 'token' "
                    + "(docs/catalog.md; JdbcOfferCatalog.importCatalog fills them)");
        }
        return catalog;
    }

    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * Replaces the contents of the catalog tables with {@code catalog}, in one transaction: for
     * tests, demos and hosts that edit their catalog elsewhere. Individual rates are written for
     * the flows of the catalog and their webmasters (the in-memory catalog does not list them).
     */
    public static void importCatalog(DataSource dataSource, InMemoryOfferCatalog catalog) {
        new CatalogWriter(new JdbcRunner(dataSource)).replaceWith(Objects.requireNonNull(catalog, "catalog"));
    }

    /** Reads the tables again now; on failure the previous snapshot stays and the exception is thrown. */
    public void refresh() {
        snapshot.refresh();
    }

    /** The catalog as last read (read again first when the refresh period has passed). */
    public InMemoryOfferCatalog snapshot() {
        return snapshot.get();
    }

    @Override
    public Optional<Site> site(long siteId) {
        return snapshot().site(siteId);
    }

    @Override
    public Optional<Offer> offer(long offerId) {
        return snapshot().offer(offerId);
    }

    @Override
    public Optional<Flow> flow(long flowId) {
        return snapshot().flow(flowId);
    }

    @Override
    public Optional<Flow> flowByCode(String code) {
        return snapshot().flowByCode(code);
    }

    @Override
    public Optional<WebmasterRate> individualRate(Offer offer, Goal goal, OptionalLong flowId, OptionalLong webmasterId) {
        return snapshot().individualRate(offer, goal, flowId, webmasterId);
    }

    @Override
    public List<OutboundPostback> outboundPostbacks(long offerId) {
        return snapshot().outboundPostbacks(offerId);
    }

    @Override
    public Optional<OutboundPostback> outboundPostback(long postbackId) {
        return snapshot().outboundPostback(postbackId);
    }

    @Override
    public java.util.Collection<String> secrets() {
        return snapshot().secrets();
    }

    /** Wiring of the catalog; only the data source is required. */
    public static final class Builder {
        private final DataSource dataSource;
        private Optional<Duration> refreshEvery = Optional.empty();
        private Clock clock = Clock.systemUTC();

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** Reads the tables again when the snapshot is older than {@code period}; without it, only {@link #refresh()} does. */
        public Builder refreshEvery(Duration period) {
            Objects.requireNonNull(period, "period");
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("refresh period must be positive: " + period);
            }
            this.refreshEvery = Optional.of(period);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Reads the catalog tables; throws {@link StoreException} when they cannot be read, and
         * {@link IllegalStateException}, naming the table and what to run, when they are missing.
         */
        public JdbcOfferCatalog build() {
            return new JdbcOfferCatalog(this);
        }
    }
}

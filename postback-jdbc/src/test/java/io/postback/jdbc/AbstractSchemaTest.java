package io.postback.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postback.jdbc.testing.TestDatabases;
import io.postback.model.Lead;
import io.postback.spi.LeadLookup;
import io.postback.spi.StoreException;
import io.postback.testing.contract.Fixtures;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The shipped DDL and the dialect detection, on each database. */
abstract class AbstractSchemaTest {

    protected abstract DataSource database();

    protected abstract Dialect expectedDialect();

    /** A database without any table. */
    protected abstract DataSource emptyDatabase();

    /** A database made by version 1 of the DDL, holding a lead, its journal row and a seen signature as that version wrote them. */
    private DataSource versionOneDatabaseHoldingALead() throws Exception {
        DataSource db = emptyDatabase();
        assertThat(Schema.installedVersion(db)).isZero();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String sql : Schema.statements(Schema.ddl(expectedDialect(), 1))) {
                s.execute(sql);
            }
            s.execute("INSERT INTO pb_lead (version, offer_id, site_id, click, exto, dedupe_key, created_at, status, goal, payout, "
                    + "payout_currency, payout_source, commission, commission_currency, commission_source, updated_at) VALUES "
                    + "(1, 1, 12, 'old-click', 'old-exto', 'x:old-click\u001Fold-exto', CURRENT_TIMESTAMP, 'new', 'reg', 10, 'EUR', "
                    + "'GOAL', 4, 'EUR', 'GOAL', CURRENT_TIMESTAMP)");
            s.execute("INSERT INTO pb_journal (received_at, postback_action, params, offer_id, site_id, lead_id, outcome, message) "
                    + "VALUES (CURRENT_TIMESTAMP, 'create', '{}', 1, 12, 1, 'created', 'lead created')");
            s.execute("INSERT INTO pb_seen_signature (digest, expires_at) VALUES ('used-before-v2', '2999-01-01 00:00:00')");
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
        return db;
    }

    /**
     * A version 1 database upgraded to the current version takes the network rules (rules §12-§14)
     * and outbound postbacks (rules §15): the old lead is approved, a held approval takes a cap slot
     * and is released, a repeat adds, and the approvals and the hold enqueue their deliveries.
     */
    @Test
    void aVersionOneDatabaseUpgradedTakesHoldsCapsRepeatsAndOutboundPostbacks() throws Exception {
        DataSource db = versionOneDatabaseHoldingALead();
        Schema.create(db);
        io.postback.memory.InMemoryOfferCatalog catalog = io.postback.testing.NetworkCatalog.read(WITH_POSTBACK);
        JdbcOfferCatalog.importCatalog(db, catalog);
        io.postback.testing.MutableClock clock = new io.postback.testing.MutableClock();
        JdbcLeadStore store = JdbcLeadStore.builder(db).build();
        io.postback.PostbackProcessor processor = io.postback.PostbackProcessor.builder(store, JdbcOfferCatalog.builder(db).build())
                .clock(clock).build();
        io.postback.model.Cap saleDaily = catalog.offer(1).orElseThrow().caps().get(0);
        io.postback.model.CapSlot slot = new io.postback.model.CapSlot(saleDaily.key(1), saleDaily.period(clock.instant()));

        io.postback.PostbackResult old = handle(processor, io.postback.model.Action.STATUS, "click=old-click&exto=old-exto&status=approved");
        io.postback.PostbackResult held = handle(processor, io.postback.model.Action.CREATE, "click=n1&exto=s1&goal=sale&status=approve");
        handle(processor, io.postback.model.Action.CREATE, "click=n2&exto=d1&goal=dep&pay=100");
        io.postback.PostbackResult repeat = handle(processor, io.postback.model.Action.CREATE, "click=n2&exto=d2&goal=dep&pay=40");

        assertThat(old.lead().orElseThrow().id()).isEqualTo(1);
        assertThat(old.lead().orElseThrow().status()).isEqualTo(io.postback.model.Status.APPROVE);
        Lead heldLead = held.lead().orElseThrow();
        assertThat(heldLead.status()).isEqualTo(io.postback.model.Status.HOLD);
        assertThat(store.lead(heldLead.id()).orElseThrow()).isEqualTo(heldLead);
        assertThat(store.capUsed(slot)).isEqualTo(1);
        assertThat(repeat.outcome()).isEqualTo(io.postback.model.Outcome.UPDATED);
        assertThat(store.find(new LeadLookup.ByKey(1, "x:n2\u001Fd2"))).hasValueSatisfying(lead -> assertThat(lead.state().payout())
                .isEqualTo(io.postback.model.Money.of("140", "EUR")));
        clock.advance(java.time.Duration.ofDays(15));
        assertThat(processor.releaseDue()).isEqualTo(1);
        assertThat(store.lead(heldLead.id()).orElseThrow().status()).isEqualTo(io.postback.model.Status.APPROVE);
        assertThat(store.ledger(heldLead.id())).hasSize(2);
        assertThat(store.deliveriesOf(1)).singleElement().satisfies(q -> {
            assertThat(q.delivery().trigger()).isEqualTo(io.postback.model.OutboundPostback.Trigger.APPROVE);
            assertThat(q.delivery().values()).containsEntry("click", "old-click").containsEntry("status", "approve");
        });
        assertThat(store.deliveriesOf(heldLead.id())).extracting(q -> q.delivery().trigger())
                .containsExactly(io.postback.model.OutboundPostback.Trigger.HOLD, io.postback.model.OutboundPostback.Trigger.APPROVE);
        List<io.postback.spi.QueuedDelivery> claimed = store.claim("node", clock.instant(), java.time.Duration.ofMinutes(1), 10);
        assertThat(claimed).hasSize(3);
        assertThat(store.record(claimed.get(0).delivery().id(), "node", io.postback.spi.DeliveryAttempt.answered(clock.instant(), 200,
                java.time.Duration.ofMillis(20)), new io.postback.spi.DeliveryQueue.Next.Delivered())).isTrue();
        assertThat(store.attempts(claimed.get(0).delivery().id())).hasSize(1);
    }

    /**
     * A version 5 database holding a lead is refused by the rates converter, naming the file to
     * apply; brought to the current version by {@link Schema#create}, it loads rates, converts a postback in
     * another currency at its event time (rules §6.9), and the old lead is still found.
     */
    @Test
    void aVersionFiveDatabaseUpgradesAndTakesExchangeRates() throws Exception {
        DataSource db = versionOneDatabaseHoldingALead();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (int version = 2; version <= 5; version++) {
                for (String sql : Schema.statements(Schema.ddl(expectedDialect(), version))) {
                    s.execute(sql);
                }
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
        assertThat(Schema.installedVersion(db)).isEqualTo(5);
        assertThatThrownBy(() -> JdbcExchangeRates.builder(db).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the database has postback schema version 5 and this release needs version " + Schema.VERSION)
                .hasMessageContaining(Schema.resource(expectedDialect(), 6));

        Schema.create(db);

        assertThat(Schema.installedVersion(db)).isEqualTo(Schema.VERSION);
        JdbcExchangeRates rates = JdbcExchangeRates.builder(db).build();
        java.time.Instant dec4 = java.time.Instant.parse("2026-12-04T00:00:00Z");
        assertThat(rates.load(io.postback.rates.RatesCsv.read("Date,USD,GBP,\n2026-12-04,1.0510,0.84,\n").rows()))
                .isEqualTo(new JdbcExchangeRates.Loaded(2, 0, 0));
        JdbcOfferCatalog.importCatalog(db, io.postback.testing.TestCatalog.create());
        JdbcLeadStore store = JdbcLeadStore.builder(db).build();
        io.postback.PostbackProcessor processor = io.postback.PostbackProcessor.builder(store, JdbcOfferCatalog.builder(db).build())
                .currencyConverter(rates).build();
        io.postback.PostbackResult converted = handle(processor, io.postback.model.Action.CREATE,
                "click=usd-1&pay=105.10&cc=USD&time=" + dec4.plusSeconds(3600).getEpochSecond());
        assertThat(converted.lead().orElseThrow().state().payout()).isEqualTo(io.postback.model.Money.of("100", "EUR"));
        assertThat(store.lead(converted.lead().orElseThrow().id()).orElseThrow().state().conversion()).hasValueSatisfying(rate -> {
            assertThat(rate.source()).isEqualTo("ecb (inverse of EUR/USD)");
            assertThat(rate.asOf()).isEqualTo(dec4);
        });
        assertThat(store.find(new LeadLookup.ByKey(1, "x:old-click\u001Fold-exto"))).isPresent();
    }

    /** The network catalog with an outbound postback on approve and hold (rules §15). */
    private static final String WITH_POSTBACK = io.postback.testing.NetworkCatalog.JSON.replace("\"flows\": [",
            "\"postbacks\": [{\"id\": 1, \"offer\": 1, \"on\": [\"approve\", \"hold\"], "
                    + "\"url\": \"https://tracker.example/pb?cid={click}&s={status}&c={field.country}\"}], \"flows\": [");

    private static io.postback.PostbackResult handle(io.postback.PostbackProcessor processor, io.postback.model.Action action,
                                                     String query) {
        return processor.handle(io.postback.PostbackRequest.fromQuery(action, "token=12-abc&" + query));
    }

    /**
     * A database made by version 1 of the DDL, holding a lead and its journal row as that version
     * wrote them, is brought to the current version by {@link Schema#create} and keeps working: the
     * old lead is found and changed, the old journal row is read, new postbacks get postback ids.
     */
    @Test
    void aVersionOneDatabaseHoldingLeadsUpgradesAndKeepsWorking() throws Exception {
        DataSource db = versionOneDatabaseHoldingALead();
        assertThat(Schema.installedVersion(db)).isEqualTo(1);

        Schema.create(db);

        assertThat(Schema.installedVersion(db)).isEqualTo(Schema.VERSION);
        JdbcOfferCatalog.importCatalog(db, io.postback.testing.TestCatalog.create());
        JdbcLeadStore store = JdbcLeadStore.builder(db).build();
        io.postback.PostbackProcessor processor = io.postback.PostbackProcessor.builder(store,
                JdbcOfferCatalog.builder(db).build()).build();
        io.postback.PostbackResult approved = processor.handle(io.postback.PostbackRequest.fromQuery(
                io.postback.model.Action.STATUS, "token=12-abc&click=old-click&exto=old-exto&status=approved"));
        assertThat(approved.outcome()).isEqualTo(io.postback.model.Outcome.UPDATED);
        assertThat(approved.lead().orElseThrow().id()).isEqualTo(1);
        assertThat(store.ledger(1)).hasSize(2);
        assertThat(store.latestJournal(10)).hasSize(2).last().satisfies(old -> assertThat(old.postbackId()).isEqualTo("journal-1"));
        assertThat(store.latestJournal(1).get(0).postbackId()).doesNotStartWith("journal-");
        assertThat(store.firstUser("used-before-v2")).as("a signature seen before version 2 has no known first user").isEmpty();
        assertThat(store.firstUse("used-before-v2", "pb-2", java.time.Instant.parse("2999-01-02T00:00:00Z"))).isFalse();
        Schema.create(db);
        assertThat(Schema.installedVersion(db)).as("applied once").isEqualTo(Schema.VERSION);
    }

    @Test
    void storesOnADatabaseWithoutTheirTablesFailAtBuildNamingTheTableAndWhatToRun() {
        DataSource db = emptyDatabase();

        assertThatThrownBy(() -> JdbcLeadStore.builder(db).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("JdbcLeadStore cannot be built: the table pb_lead is missing")
                .hasMessageContaining("Schema.create(dataSource)")
                .hasMessageContaining(Schema.resource(expectedDialect(), 1));
        assertThatThrownBy(() -> JdbcOfferCatalog.builder(db).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("JdbcOfferCatalog cannot be built: the table pb_offer is missing");

        Schema.create(db);
        JdbcLeadStore.builder(db).build();
        JdbcOfferCatalog.builder(db).build();
    }

    @Test
    void aStoreOnAnOlderSchemaFailsAtBuildNamingTheFileToApply() throws Exception {
        DataSource db = emptyDatabase();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String sql : Schema.statements(Schema.ddl(expectedDialect(), 1))) {
                s.execute(sql);
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }

        assertThatThrownBy(() -> JdbcLeadStore.builder(db).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the database has postback schema version 1 and this release needs version " + Schema.VERSION)
                .hasMessageContaining(Schema.resource(expectedDialect(), 2))
                .hasMessageNotContaining(Schema.resource(expectedDialect(), 1));
    }

    @Test
    void aStatementOnATableThatWasDroppedNamesTheTableAndWhatToRun() throws Exception {
        DataSource db = emptyDatabase();
        Schema.create(db);
        JdbcLeadStore store = JdbcLeadStore.builder(db).build();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE pb_ledger");
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }

        assertThatThrownBy(() -> store.ledger(1)).isInstanceOf(StoreException.class)
                .hasMessageStartingWith("reading a ledger failed on pb_ledger (SQLState ")
                .hasMessageContaining("run Schema.create(dataSource)");
    }

    @Test
    void theDialectIsDetectedFromTheMetadata() throws Exception {
        DataSource db = database();
        try (Connection connection = db.getConnection()) {
            assertThat(Dialect.detect(connection)).isEqualTo(expectedDialect());
        }
        assertThat(JdbcLeadStore.builder(db).build().dialect()).isEqualTo(expectedDialect());
    }

    @Test
    void creatingTheSchemaAgainChangesNothing() {
        DataSource db = database();
        JdbcLeadStore store = JdbcLeadStore.builder(db).build();
        Lead lead = Fixtures.leadOf(store.insert(Fixtures.lead(1, "c1", "o1", true), Fixtures.created(Fixtures.lead(1, "c1", "o1", true))));

        Schema.create(db);
        Schema.create(db, expectedDialect());

        assertThat(store.find(new LeadLookup.ById(1, lead.id()))).contains(lead);
    }

    @Test
    void aValueTooLongForItsColumnIsRefusedNeverCut() {
        DataSource db = database();
        JdbcLeadStore store = JdbcLeadStore.builder(db).build();
        Lead tooLong = Fixtures.lead(1, "c".repeat(600), "o1", true);

        assertThatThrownBy(() -> store.insert(tooLong, Fixtures.created(tooLong)))
                .isInstanceOf(StoreException.class).hasMessageStartingWith("inserting a lead failed on pb_lead (SQLState ");

        assertThat(store.latestLeads(10)).isEmpty();
        assertThat(store.latestJournal(10)).isEmpty();
        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_outbox")).isZero();
    }

    @Test
    void theDdlFileIsOnTheClassPath() {
        assertThat(Schema.ddl(expectedDialect(), 1)).contains("CREATE TABLE IF NOT EXISTS pb_lead");
        assertThat(Schema.ddl(expectedDialect(), 2)).contains("pb_schema_version").contains("postback_id");
        assertThat(Schema.ddl(expectedDialect(), 5)).contains("CREATE TABLE pb_delivery (").contains("(5, ");
        assertThat(Schema.ddl(expectedDialect(), 6)).contains("CREATE TABLE pb_exchange_rate (").contains("(6, ");
        assertThat(Schema.resource(expectedDialect(), 6)).endsWith("/V6__exchange_rates.sql");
        assertThat(Schema.resources(expectedDialect())).hasSize(Schema.VERSION)
                .allSatisfy(resource -> assertThat(resource).startsWith("io/postback/jdbc/schema/" + expectedDialect().schemaFolder()))
                .first().asString().endsWith("/V1__postback_schema.sql");
    }
}

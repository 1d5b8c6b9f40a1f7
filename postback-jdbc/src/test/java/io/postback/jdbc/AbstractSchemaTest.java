package io.postback.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postback.jdbc.testing.TestDatabases;
import io.postback.model.Lead;
import io.postback.spi.LeadLookup;
import io.postback.spi.StoreException;
import io.postback.testing.contract.Fixtures;
import java.sql.Connection;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The shipped DDL and the dialect detection, on each database. */
abstract class AbstractSchemaTest {

    protected abstract DataSource database();

    protected abstract Dialect expectedDialect();

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
        Lead lead = store.insert(Fixtures.lead(1, "c1", "o1", true), Fixtures.created(Fixtures.lead(1, "c1", "o1", true))).lead();

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
                .isInstanceOf(StoreException.class).hasMessageStartingWith("inserting a lead failed");

        assertThat(store.latestLeads(10)).isEmpty();
        assertThat(store.latestJournal(10)).isEmpty();
        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_outbox")).isZero();
    }

    @Test
    void theDdlFileIsOnTheClassPath() {
        assertThat(Schema.ddl(expectedDialect())).contains("CREATE TABLE IF NOT EXISTS pb_lead");
        assertThat(Schema.resource(expectedDialect())).endsWith("/V1__postback_schema.sql");
    }
}

package io.postback.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.jdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every lookup of the hot path uses an index on MariaDB too: a key in the plan, no full scan, no filesort. */
class MariaDbIndexProbeTest {

    private static final DataSource DB = seeded(TestDatabases.mariaDb());

    /**
     * One lead (id 1), one signature and one applied replay (of journal entry 5), so that unique
     * lookups are planned as such, not as "impossible".
     */
    private static DataSource seeded(DataSource db) {
        JdbcLeadStore store = JdbcLeadStore.builder(db).build();
        io.postback.model.Lead lead = io.postback.testing.contract.Fixtures.lead(1, "c", "o", true);
        store.insert(lead, io.postback.testing.contract.Fixtures.created(lead));
        store.firstUse("d", "pb-d", java.time.Instant.now().plusSeconds(600));
        store.journal(io.postback.testing.contract.Fixtures.replay(
                io.postback.testing.contract.Fixtures.journal(1, io.postback.model.Outcome.DUPLICATE, 1), 5));
        return db;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT id FROM pb_lead WHERE offer_id = 1 AND dedupe_key = 'x:c\u001Fo'",
        "SELECT id FROM pb_lead WHERE offer_id = 1 AND click = 'c' ORDER BY id DESC LIMIT 1",
        "SELECT id FROM pb_lead WHERE id = 1",
        "SELECT id FROM pb_journal WHERE replay_key = 5 LIMIT 1",
        "SELECT id FROM pb_journal WHERE outcome = 'rejected' AND id > 5 ORDER BY id LIMIT 10",
        "SELECT id FROM pb_ledger WHERE lead_id = 5 ORDER BY id",
        "SELECT digest FROM pb_seen_signature WHERE digest = 'd'"
    })
    void theLookupUsesAnIndex(String query) throws Exception {
        try (Connection c = DB.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN " + query)) {
            while (rs.next()) {
                String plan = "type=" + rs.getString("type") + " key=" + rs.getString("key") + " extra=" + rs.getString("Extra");
                assertThat(rs.getString("type")).as(plan).isNotEqualTo("ALL");
                assertThat(plan).as(plan).doesNotContain("filesort");
                assertThat(rs.getString("key")).as(plan).isNotNull();
            }
        }
    }
}

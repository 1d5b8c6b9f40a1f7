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
        // A lead with another key, holding a cap slot (rules §12, §14), and a lead due for release (rules §13).
        io.postback.model.Lead keyed = io.postback.testing.contract.Fixtures.lead(1, "c", "o2", true);
        io.postback.spi.Effects created = io.postback.testing.contract.Fixtures.created(keyed);
        store.insert(keyed, new io.postback.spi.Effects(created.journal(), created.bookings(), created.events(),
                java.util.List.of(new io.postback.spi.CapTake(new io.postback.model.CapSlot("o1|create|total|UTC|f*|w*|g*", "total"), 9)),
                java.util.List.of(), java.util.List.of("k")));
        io.postback.model.Lead held = io.postback.testing.contract.Fixtures.lead(1, "c", "o3", true);
        held = held.withState(held.state().withStatus(io.postback.model.Status.HOLD, java.util.Optional.of(
                new io.postback.model.HeldApproval(java.time.Instant.EPOCH, java.time.Instant.parse("2025-01-01T00:00:00Z")))));
        store.insert(held, io.postback.testing.contract.Fixtures.created(held));
        // A delivery (rules §15), so that the claim is planned on a table with rows.
        io.postback.model.Lead sent = io.postback.testing.contract.Fixtures.lead(1, "c", "o4", true);
        io.postback.spi.Effects sentCreated = io.postback.testing.contract.Fixtures.created(sent);
        store.insert(sent, new io.postback.spi.Effects(sentCreated.journal(), sentCreated.bookings(), sentCreated.events(),
                java.util.List.of(), java.util.List.of(), java.util.List.of(), java.util.List.of(new io.postback.spi.Delivery(0, "e-1", 1, 0,
                        io.postback.model.OutboundPostback.Trigger.CREATE, io.postback.model.OutboundPostback.Method.GET,
                        "https://tracker.example/pb", java.util.Map.of(), java.time.Instant.EPOCH))));
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
        "SELECT digest FROM pb_seen_signature WHERE digest = 'd'",
        "SELECT id FROM pb_lead WHERE id = (SELECT lead_id FROM pb_lead_key WHERE offer_id = 1 AND dedupe_key = 'k')",
        "SELECT id FROM pb_lead WHERE offer_id = 1 AND click = 'c' AND goal = 'reg' ORDER BY id DESC LIMIT 1",
        "SELECT id FROM pb_lead WHERE release_at <= '2026-01-01 00:00:00' ORDER BY release_at, id LIMIT 100",
        "SELECT used FROM pb_cap_use WHERE cap_key = 'o1|create|total|UTC|f*|w*|g*' AND period = 'total'",
        "SELECT id FROM pb_delivery WHERE state = 'pending' AND due_at <= '2026-01-01 00:00:00' "
                + "AND (lease_until IS NULL OR lease_until <= '2026-01-01 00:00:00') ORDER BY due_at, id LIMIT 10",
        "SELECT id FROM pb_delivery WHERE lead_id = 5 ORDER BY id",
        "SELECT id FROM pb_lead WHERE exto = 'o' ORDER BY id DESC LIMIT 10",
        "SELECT id FROM pb_journal WHERE lead_id = 5 ORDER BY id DESC LIMIT 10",
        "SELECT id FROM pb_lead WHERE id > 0 AND offer_id + 0 = 1 AND created_at >= '2026-01-01 00:00:00' "
                + "AND created_at < '2027-01-01 00:00:00' ORDER BY id LIMIT 500",
        "SELECT attempted_at FROM pb_delivery_attempt WHERE delivery_id = 5 ORDER BY id"
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

package io.postback.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.jdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every lookup of the hot path can be answered by one index probe: with sequential and bitmap scans priced
 * out, PostgreSQL's plan for each uses an index and neither scans nor sorts a table.
 */
class PostgresIndexProbeTest {

    private static final DataSource DB = TestDatabases.postgres();

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT id FROM pb_lead WHERE offer_id = 1 AND dedupe_key = 'x:c\u001Fo'",
        "SELECT id FROM pb_lead WHERE offer_id = 1 AND click = 'c' ORDER BY id DESC LIMIT 1",
        "SELECT id FROM pb_lead WHERE id = 5",
        "SELECT id FROM pb_journal WHERE replay_key = 5 LIMIT 1",
        "SELECT id FROM pb_journal WHERE outcome = 'rejected' AND id > 5 ORDER BY id LIMIT 10",
        "SELECT id FROM pb_ledger WHERE lead_id = 5 ORDER BY id",
        "SELECT id FROM pb_outbox ORDER BY id LIMIT 100",
        "SELECT digest FROM pb_seen_signature WHERE digest = 'd'",
        "SELECT digest FROM pb_seen_signature WHERE expires_at <= now()",
        "SELECT id FROM pb_lead WHERE id = (SELECT lead_id FROM pb_lead_key WHERE offer_id = 1 AND dedupe_key = 'k')",
        "SELECT id FROM pb_lead WHERE offer_id = 1 AND click = 'c' AND goal = 'reg' ORDER BY id DESC LIMIT 1",
        "SELECT id FROM pb_lead WHERE release_at <= now() ORDER BY release_at, id LIMIT 100",
        "SELECT used FROM pb_cap_use WHERE cap_key = 'o1|create|total|UTC|f*|w*|g*' AND period = 'total'",
        "SELECT id FROM pb_delivery WHERE state = 'pending' AND due_at <= now() AND (lease_until IS NULL OR lease_until <= now()) "
                + "ORDER BY due_at, id LIMIT 10",
        "SELECT id FROM pb_delivery WHERE state = 'dead' ORDER BY id DESC LIMIT 10",
        "SELECT id FROM pb_delivery WHERE lead_id = 5 ORDER BY id",
        "SELECT id FROM pb_lead WHERE exto = 'o' ORDER BY id DESC LIMIT 10",
        "SELECT id FROM pb_journal WHERE lead_id = 5 ORDER BY id DESC LIMIT 10",
        "SELECT id FROM pb_lead WHERE id > 5 AND offer_id + 0 = 1 AND created_at >= now() AND created_at < now() ORDER BY id LIMIT 500",
        "SELECT attempted_at FROM pb_delivery_attempt WHERE delivery_id = 5 ORDER BY id"
    })
    void theLookupIsAnIndexProbe(String query) throws Exception {
        String plan = plan(query);

        assertThat(plan).as(plan).containsPattern("Index (Only )?Scan").doesNotContain("Seq Scan").doesNotContain("Sort");
    }

    private static String plan(String query) throws Exception {
        try (Connection c = DB.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET enable_seqscan = off");
            s.execute("SET enable_bitmapscan = off");
            StringBuilder plan = new StringBuilder();
            try (PreparedStatement explain = c.prepareStatement("EXPLAIN " + query); ResultSet rs = explain.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            s.execute("RESET ALL");
            return plan.toString();
        }
    }

}

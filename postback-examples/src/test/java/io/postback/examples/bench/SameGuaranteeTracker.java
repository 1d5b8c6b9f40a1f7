package io.postback.examples.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postback.model.Action;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * The same guarantees as the engine, written as a careful developer would write them with plain
 * JDBC and without this library (docs/benchmarks.md, "Same guarantees"): one transaction per
 * postback. A CREATE inserts the lead if its key is free ({@code ON CONFLICT DO NOTHING} on
 * PostgreSQL, {@code INSERT IGNORE} on MariaDB, a caught unique violation on H2), else reads the
 * holder; then a journal row, and an event row when events are on. A STATUS reads the lead,
 * updates it with a version check, journals, books the ledger when the lead enters approve, and
 * writes its events. It writes the engine's own {@code pb_*} tables, with their columns and
 * indexes, so that both sides pay for the same rows in the same indexes of tables of the same size.
 */
final class SameGuaranteeTracker {

    enum Database { POSTGRES, MARIADB, H2 }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long OFFER = 1;
    private static final long SITE = 12;
    private static final String LEAD_COLUMNS = "version, offer_id, site_id, click, exto, dedupe_key, created_at, status, goal, "
            + "payout, payout_currency, payout_source, commission, commission_currency, commission_source, lead_comment, updated_at";
    private static final String JOURNAL_INSERT = "INSERT INTO pb_journal (received_at, postback_action, params, offer_id, "
            + "site_id, lead_id, outcome, error_code, message, postback_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String HOLDER = "SELECT id, version, status, goal FROM pb_lead WHERE offer_id = ? AND dedupe_key = ?";
    private static final String UPDATE = "UPDATE pb_lead SET version = version + 1, status = ?, goal = ?, payout = ?, "
            + "commission = ?, updated_at = ? WHERE id = ? AND version = ?";
    private static final String LEDGER = "INSERT INTO pb_ledger (lead_id, journal_id, party, amount, currency, reason, booked_at) "
            + "VALUES (?, ?, 'WEBMASTER', ?, 'EUR', ?, ?), (?, ?, 'ADVERTISER', ?, 'EUR', ?, ?)";
    private static final String EVENT_COLUMNS = "INSERT INTO pb_outbox (event_type, lead_id, offer_id, status, goal, "
            + "booking_party, booking_amount, booking_currency, booking_reason, event_at) VALUES ";
    private static final String EVENT_TUPLE = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** What the site calls its statuses, then the common words; decided statuses never move back. */
    private static final Map<String, String> WORDS = Map.of("lead_ok", "approve", "approved", "approve", "pending", "wait",
            "rejected", "cancel", "onhold", "hold", "fraud", "trash");
    /** Goal aliases of the offer, and each goal's webmaster payout and advertiser commission. */
    private static final Map<String, String> GOALS = Map.of("reg", "reg", "registration", "reg", "dep", "dep",
            "deposit", "dep", "ftd", "dep");
    private static final Map<String, BigDecimal[]> AMOUNTS = Map.of("reg", new BigDecimal[] {new BigDecimal("4.00"),
            new BigDecimal("10.00")}, "dep", new BigDecimal[] {new BigDecimal("30.00"), new BigDecimal("50.00")});

    private final DataSource pool;
    private final Database database;
    private final boolean events;
    private final String insertLead;

    SameGuaranteeTracker(DataSource pool, Database database, boolean events) {
        this.pool = pool;
        this.database = database;
        this.events = events;
        String insert = "INTO pb_lead (" + LEAD_COLUMNS + ") VALUES (1" + ", ?".repeat(16) + ")";
        this.insertLead = switch (database) {
            case POSTGRES -> "INSERT " + insert + " ON CONFLICT (offer_id, dedupe_key) DO NOTHING RETURNING id";
            case MARIADB -> "INSERT IGNORE " + insert;
            case H2 -> "INSERT " + insert;
        };
    }

    void send(Workload.Postback postback) throws SQLException {
        Map<String, String> params = EngineBenchmark.decode(postback.query());
        if (!BenchCatalog.TOKEN.equals(params.get("token"))) {
            throw new IllegalStateException("unknown token");
        }
        String key = "x:" + params.get("click") + '\u001F' + params.get("exto");
        Timestamp now = Timestamp.from(java.time.Instant.now());
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (postback.action() == Action.CREATE) {
                    create(c, params, key, now);
                } else {
                    status(c, params, key, now);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private void create(Connection c, Map<String, String> params, String key, Timestamp now) throws SQLException {
        BigDecimal[] amounts = AMOUNTS.get("reg");
        long leadId = -1;
        try (PreparedStatement ps = database == Database.POSTGRES ? c.prepareStatement(insertLead)
                : c.prepareStatement(insertLead, Statement.RETURN_GENERATED_KEYS)) {
            int i = 0;
            ps.setLong(++i, OFFER);
            ps.setLong(++i, SITE);
            ps.setString(++i, params.get("click"));
            ps.setString(++i, params.get("exto"));
            ps.setString(++i, key);
            ps.setTimestamp(++i, now);
            ps.setString(++i, "new");
            ps.setString(++i, "reg");
            ps.setBigDecimal(++i, amounts[0]);
            ps.setString(++i, "EUR");
            ps.setString(++i, "GOAL");
            ps.setBigDecimal(++i, amounts[1]);
            ps.setString(++i, "EUR");
            ps.setString(++i, "GOAL");
            ps.setString(++i, params.get("comment"));
            ps.setTimestamp(++i, now);
            leadId = insertedId(ps);
        } catch (SQLException e) {
            if (database != Database.H2 || !e.getSQLState().startsWith("23")) {
                throw e;
            }
        }
        if (leadId < 0) {
            Lead holder = holder(c, key);
            journal(c, "create", params, holder.id, "duplicate", now, false);
            return;
        }
        journal(c, "create", params, leadId, "created", now, false);
        if (events) {
            List<Object[]> rows = new ArrayList<>();
            rows.add(event("CREATED", leadId, "new", "reg", null, null, null, now));
            events(c, rows);
        }
    }

    private void status(Connection c, Map<String, String> params, String key, Timestamp now) throws SQLException {
        Lead lead = holder(c, key);
        String status = status(params);
        String goal = GOALS.get(params.get("goal").toLowerCase(Locale.ROOT));
        if (status == null || goal == null) {
            journal(c, "status", params, lead.id, "rejected", now, false);
            return;
        }
        if (decided(lead.status) && !decided(status)) {
            journal(c, "status", params, lead.id, "stale", now, false);
            return;
        }
        if (status.equals(lead.status) && goal.equals(lead.goal)) {
            journal(c, "status", params, lead.id, "unchanged", now, false);
            return;
        }
        BigDecimal[] amounts = AMOUNTS.get(goal);
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            ps.setString(1, status);
            ps.setString(2, goal);
            ps.setBigDecimal(3, amounts[0]);
            ps.setBigDecimal(4, amounts[1]);
            ps.setTimestamp(5, now);
            ps.setLong(6, lead.id);
            ps.setLong(7, lead.version);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("lead " + lead.id + " changed meanwhile; the sender retries");
            }
        }
        // Money moves when the lead enters or leaves approve, or changes goal while approved.
        boolean wasApproved = lead.status.equals("approve");
        boolean approved = status.equals("approve");
        BigDecimal[] booked = null;
        String reason = null;
        if (approved || wasApproved) {
            BigDecimal[] before = AMOUNTS.get(lead.goal);
            reason = !wasApproved ? "APPROVE" : !approved ? "REVERSAL" : "ADJUSTMENT";
            booked = !wasApproved ? amounts : !approved ? new BigDecimal[] {before[0].negate(), before[1].negate()}
                    : new BigDecimal[] {amounts[0].subtract(before[0]), amounts[1].subtract(before[1])};
        }
        long journalId = journal(c, "status", params, lead.id, "updated", now, booked != null);
        if (booked != null) {
            try (PreparedStatement ps = c.prepareStatement(LEDGER)) {
                for (int row = 0; row < 2; row++) {
                    ps.setLong(5 * row + 1, lead.id);
                    ps.setLong(5 * row + 2, journalId);
                    ps.setBigDecimal(5 * row + 3, booked[row]);
                    ps.setString(5 * row + 4, reason);
                    ps.setTimestamp(5 * row + 5, now);
                }
                ps.executeUpdate();
            }
        }
        if (events) {
            List<Object[]> rows = new ArrayList<>();
            if (!status.equals(lead.status)) {
                rows.add(event("STATUS_CHANGED", lead.id, status, goal, null, null, null, now));
            }
            if (!goal.equals(lead.goal)) {
                rows.add(event("GOAL_CHANGED", lead.id, status, goal, null, null, null, now));
            }
            if (booked != null) {
                rows.add(event("MONEY_BOOKED", lead.id, status, goal, "WEBMASTER", booked[0], reason, now));
                rows.add(event("MONEY_BOOKED", lead.id, status, goal, "ADVERTISER", booked[1], reason, now));
            }
            events(c, rows);
        }
    }

    /** Approved, cancelled and trashed leads never move back to an undecided status. */
    private static boolean decided(String status) {
        return status.equals("approve") || status.equals("cancel") || status.equals("trash");
    }

    /** The sender's override lists first, then the site's and the common words. */
    private static String status(Map<String, String> params) {
        String word = params.get("status").toLowerCase(Locale.ROOT).replace(" ", "");
        String[][] lists = {{"sta", "approve"}, {"stc", "cancel"}, {"sth", "hold"}};
        for (String[] list : lists) {
            String listed = params.get(list[0]);
            if (listed != null && List.of(listed.toLowerCase(Locale.ROOT).replace(" ", "").split(",")).contains(word)) {
                return list[1];
            }
        }
        return WORDS.get(word);
    }

    private record Lead(long id, long version, String status, String goal) {
    }

    private static Lead holder(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(HOLDER)) {
            ps.setLong(1, OFFER);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no lead for " + key);
                }
                return new Lead(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4));
            }
        }
    }

    /** The id of the inserted row, or -1 when the key was taken. */
    private long insertedId(PreparedStatement ps) throws SQLException {
        if (database == Database.POSTGRES) {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
        if (ps.executeUpdate() == 0) {
            return -1;
        }
        try (ResultSet rs = ps.getGeneratedKeys()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The journal row's id when {@code returnId} (the ledger rows name it), else 0. */
    private long journal(Connection c, String action, Map<String, String> params, long leadId, String outcome, Timestamp now,
                         boolean returnId) throws SQLException {
        try (PreparedStatement ps = !returnId ? c.prepareStatement(JOURNAL_INSERT)
                : database == Database.POSTGRES ? c.prepareStatement(JOURNAL_INSERT, new String[] {"id"})
                : c.prepareStatement(JOURNAL_INSERT, Statement.RETURN_GENERATED_KEYS)) {
            ps.setTimestamp(1, now);
            ps.setString(2, action);
            ps.setString(3, json(params));
            ps.setLong(4, OFFER);
            ps.setLong(5, SITE);
            ps.setLong(6, leadId);
            ps.setString(7, outcome);
            ps.setString(8, outcome.equals("rejected") ? "status" : null);
            ps.setString(9, outcome);
            ps.setString(10, postbackId(now.getTime()));
            ps.executeUpdate();
            if (!returnId) {
                return 0;
            }
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Object[] event(String type, long leadId, String status, String goal, String party, BigDecimal amount,
                                  String reason, Timestamp at) {
        return new Object[] {type, leadId, OFFER, status, goal, party, amount, party == null ? null : "EUR", reason, at};
    }

    private static void events(Connection c, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(EVENT_COLUMNS + String.join(", ", java.util.Collections.nCopies(rows.size(),
                EVENT_TUPLE)))) {
            int i = 0;
            for (Object[] row : rows) {
                for (int column = 0; column < row.length; column++) {
                    if (row[column] == null) {
                        ps.setNull(++i, column == 6 ? Types.NUMERIC : Types.VARCHAR);
                    } else {
                        ps.setObject(++i, row[column]);
                    }
                }
            }
            ps.executeUpdate();
        }
    }

    private static String json(Map<String, String> params) throws SQLException {
        try {
            return JSON.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new SQLException("parameters could not be written as JSON", e);
        }
    }

    /** Time-ordered ids, so that the journal's unique index appends (the engine's are version 7 UUIDs too). */
    private static String postbackId(long epochMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID((epochMillis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL),
                (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L).toString();
    }
}

package io.postback.jdbc.internal;

import io.postback.model.Booking;
import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.model.LeadEvent;
import io.postback.spi.Deadline;
import io.postback.spi.Delivery;
import io.postback.spi.Effects;
import io.postback.spi.QueuedDelivery;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.sql.DataSource;

/**
 * PostgreSQL writes a lead change and all its effects as ONE statement of data-modifying CTEs, in
 * auto-commit: a single statement is atomic, so there is no transaction to open, commit or restore,
 * and a postback costs one round trip. The lead's CTE ({@code INSERT ... ON CONFLICT DO NOTHING} or
 * the version-guarded {@code UPDATE}) returns no row when it loses; every other insert selects from
 * it, so then nothing at all is written. Journal entries and seen signatures are inserted if absent
 * with {@code ON CONFLICT}; generated ids come back by {@code RETURNING}. A claim of outbound
 * deliveries (rules §15) is one statement too: the rows locked with {@code SKIP LOCKED} and leased.
 */
final class PostgresSql extends SqlDialect {

    private static final String INSERT_CTE = "l AS (INSERT INTO pb_lead " + LeadTable.INSERT_COLUMNS + " VALUES "
            + LeadTable.INSERT_VALUES + " ON CONFLICT (offer_id, dedupe_key) DO NOTHING RETURNING id)";
    /** Reads the holder of a key and journals the duplicate for it. */
    private static final String JOURNAL_DUPLICATE = "WITH d AS (" + LeadTable.SELECT + " WHERE offer_id = ? AND dedupe_key = ?)"
            + ", dj AS (INSERT INTO pb_journal " + JournalTable.COLUMNS + " " + JournalTable.selectWithLead("d.id") + " FROM d)"
            + " SELECT * FROM d";
    /** The lead insert of a transaction: a unique violation would abort the whole transaction. */
    private static final String LEAD_INSERT_IF_ABSENT = LEAD_INSERT + " ON CONFLICT (offer_id, dedupe_key) DO NOTHING RETURNING id";
    private static final String JOURNAL_RETURNING = " RETURNING id, lead_id, received_at)";
    /** A second entry for a postback id is not an error here: the caller reads the first one. */
    /**
     * Without a conflict target: a unique index of a time-partitioned journal holds the partition key
     * too, {@code (postback_id, received_at)} (docs/retention.md), and {@code ON CONFLICT (postback_id)}
     * would match no index there.
     */
    private static final String JOURNAL_IF_ABSENT = JournalTable.INSERT + " ON CONFLICT DO NOTHING RETURNING id";
    private static final String LEDGER_TUPLE = "(?::varchar, ?::numeric, ?::char(3), ?::varchar, %d)";
    private static final String OUTBOX_TUPLE =
            "(?::varchar, ?::bigint, ?::varchar, ?::varchar, ?::varchar, ?::numeric, ?::char(3), ?::varchar, ?::timestamptz, ?::text, %d)";
    private static final String DELIVERY_TUPLE = "(?::varchar, ?::bigint, ?::varchar, ?::varchar, ?::text, ?::text, ?::timestamptz, %d)";
    /** Locks due rows, skipping those another claim holds, leases them, and answers them oldest due first. */
    private static final String CLAIM = "WITH c AS (SELECT id FROM pb_delivery WHERE " + DeliveryTable.CLAIMABLE
            + " ORDER BY due_at, id LIMIT ? FOR UPDATE SKIP LOCKED), u AS (" + DeliveryTable.LEASE
            + " FROM c WHERE pb_delivery.id = c.id RETURNING pb_delivery.*) SELECT " + DeliveryTable.COLUMNS
            + " FROM u ORDER BY due_at, id";
    private static final String UPSERT_SIGNATURE = "INSERT INTO pb_seen_signature (digest, expires_at, postback_id) "
            + "VALUES (?, ?, ?) ON CONFLICT (digest) DO UPDATE SET expires_at = EXCLUDED.expires_at, "
            + "postback_id = EXCLUDED.postback_id WHERE pb_seen_signature.expires_at <= ? RETURNING 1";

    private final ConcurrentMap<Integer, String> insertSql = new ConcurrentHashMap<>();
    private final ConcurrentMap<Integer, String> updateSql = new ConcurrentHashMap<>();

    PostgresSql(DataSource dataSource) {
        super(new JdbcRunner(dataSource, JdbcRunner.ConnectionCheck.NONE, Timestamps.WITH_TIME_ZONE));
    }

    @Override
    OptionalLong insertLead(Lead lead, Effects effects, Deadline deadline) {
        String sql = insertSql.computeIfAbsent(shape(effects), shape -> sql(INSERT_CTE, "l", effects));
        return firstId(runner().queryFirst("inserting a lead", deadline, sql, b -> {
            LeadTable.bindInsert(b, lead);
            bindEffects(b, effects);
        }, row -> row.number(1)));
    }

    /**
     * One more statement reads the holder of the key and journals the duplicate. (Doing both inside
     * the insert's statement made every new lead's insert about 50% slower, to save a round trip
     * for the one CREATE in eight that is a retry.)
     */
    @Override
    Optional<Lead> journalForHolderOfKey(Lead lead, JournalEntry duplicate, Deadline deadline) {
        if (lead.dedupeKey().isEmpty()) {
            return Optional.empty();
        }
        return runner().queryFirst("journaling a duplicate", deadline, JOURNAL_DUPLICATE, b -> {
            b.number(lead.offerId()).string(lead.dedupeKey());
            JournalTable.bind(b, duplicate, true);
        }, LeadTable::read);
    }

    @Override
    boolean updateLead(Lead lead, Effects effects, Deadline deadline) {
        String sql = updateSql.computeIfAbsent(shape(effects),
                shape -> sql("u AS (" + LeadTable.UPDATE + " RETURNING id)", "u", effects));
        return runner().queryFirst("updating a lead", deadline, sql, b -> {
            LeadTable.bindUpdate(b, lead);
            bindEffects(b, effects);
        }, row -> row.number(1)).isPresent();
    }

    @Override
    OptionalLong journal(JournalEntry entry, Deadline deadline) {
        // A unique key that ON CONFLICT cannot arbitrate (the replay keys a trigger of the partitioned journal
        // inserts, docs/retention.md) refuses with SQLState 23505: taken all the same.
        return runner().autoCommit("journaling a postback", deadline, session -> unlessTaken(
                () -> firstId(session.queryFirst(JOURNAL_IF_ABSENT, b -> JournalTable.bind(b, entry, false), row -> row.number(1))),
                OptionalLong.empty()));
    }

    /** In a transaction (keys and caps, rules §12 and §14): ON CONFLICT, since a unique violation aborts the transaction. */
    @Override
    OptionalLong insertLeadIfAbsent(Session session, Lead lead) throws SQLException {
        return firstId(session.queryFirst(LEAD_INSERT_IF_ABSENT, b -> LeadTable.bindInsert(b, lead), row -> row.number(1)));
    }

    @Override
    String ifAbsent(String insert, String unique) {
        return insert + " ON CONFLICT (" + unique + ") DO NOTHING";
    }

    @Override
    boolean insertedIfAbsent(Session session, String sql, Parameters parameters) throws SQLException {
        return session.update(sql, parameters) == 1;
    }

    /** One statement: an upsert whose update applies only to an expired row. */
    @Override
    boolean firstUse(Session session, String digest, String postbackId, Instant expiresAt, Instant now) throws SQLException {
        return session.queryFirst(UPSERT_SIGNATURE, b -> b.string(digest).instant(expiresAt).string(postbackId).instant(now),
                row -> Boolean.TRUE).isPresent();
    }

    /** One statement, in auto-commit: the lock of the rows and their lease are one atomic statement (rules §15). */
    @Override
    List<QueuedDelivery> claimDeliveries(String node, Instant now, Instant until, int max) {
        return runner().query("claiming deliveries", Deadline.none(), CLAIM,
                b -> b.instant(now).instant(now).number(max).string(node).instant(until), DeliveryTable::readQueued);
    }

    /** Statements differ only in how many ledger, outbox and delivery rows they carry. */
    private static int shape(Effects effects) {
        return (effects.deliveries().size() * 1024 + effects.bookings().size()) * 1024 + effects.events().size();
    }

    private static String sql(String leadCte, String lead, Effects effects) {
        int bookings = effects.bookings().size();
        // Only the ledger rows read the journal row back; RETURNING costs even when nothing reads it.
        StringBuilder sql = new StringBuilder("WITH ").append(leadCte)
                .append(", j AS (INSERT INTO pb_journal ").append(JournalTable.COLUMNS).append(' ')
                .append(JournalTable.selectWithLead(lead + ".id")).append(" FROM ").append(lead)
                .append(bookings > 0 ? JOURNAL_RETURNING : ")");
        if (bookings > 0) {
            sql.append(", b AS (").append(EffectTables.LEDGER_INSERT)
                    .append(" SELECT j.lead_id, j.id, v.party, v.amount, v.currency, v.reason, j.received_at FROM j CROSS JOIN (")
                    .append(tuples(bookings, LEDGER_TUPLE)).append(") AS v(party, amount, currency, reason, ord) ORDER BY v.ord)");
        }
        int events = effects.events().size();
        if (events > 0) {
            sql.append(", e AS (").append(EffectTables.OUTBOX_INSERT).append(" SELECT v.event_type, ").append(lead)
                    .append(".id, v.offer_id, v.status, v.goal, v.party, v.amount, v.currency, v.reason, v.at, v.fields FROM ")
                    .append(lead).append(" CROSS JOIN (").append(tuples(events, OUTBOX_TUPLE))
                    .append(") AS v(event_type, offer_id, status, goal, party, amount, currency, reason, at, fields, ord) ORDER BY v.ord)");
        }
        int deliveries = effects.deliveries().size();
        if (deliveries > 0) {
            sql.append(", dv AS (").append(DeliveryTable.INSERT).append(" SELECT ").append(lead)
                    .append(".id, v.event_id, v.postback_id, v.event_trigger, v.method, v.url_template, v.macro_values, v.at, v.at, '")
                    .append(DeliveryTable.PENDING).append("', 0 FROM ").append(lead).append(" CROSS JOIN (")
                    .append(tuples(deliveries, DELIVERY_TUPLE)).append(") AS v(event_id, postback_id, event_trigger, method, "
                            + "url_template, macro_values, at, ord) ORDER BY v.ord)");
        }
        return sql.append(" SELECT id FROM ").append(lead).toString();
    }

    private static String tuples(int rows, String tuple) {
        StringBuilder sql = new StringBuilder("VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(String.format(tuple, i));
        }
        return sql.toString();
    }

    private static void bindEffects(Binder binder, Effects effects) throws SQLException {
        JournalTable.bind(binder, effects.journal(), true);
        for (Booking booking : effects.bookings()) {
            EffectTables.bindBooking(binder, booking);
        }
        for (LeadEvent event : effects.events()) {
            binder.string(event.type().name());
            EffectTables.bindEventBody(binder, event);
        }
        for (Delivery delivery : effects.deliveries()) {
            DeliveryTable.bindBody(binder, delivery);
        }
    }

    private static OptionalLong firstId(Optional<Long> id) {
        return id.isPresent() ? OptionalLong.of(id.get()) : OptionalLong.empty();
    }
}

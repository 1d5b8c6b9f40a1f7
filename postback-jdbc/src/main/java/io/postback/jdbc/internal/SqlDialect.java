package io.postback.jdbc.internal;

import io.postback.jdbc.Dialect;
import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.spi.Deadline;
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
 * The lead store's writes on one database, in standard SQL; each database's class overrides what
 * it does its own way ({@link PostgresSql}, {@link MySql}, {@link H2Sql}). Here a lead change is a
 * short transaction of a few statements (lead, journal, one multi-row insert each for the ledger,
 * the outbox and the outbound deliveries), and an insert-if-absent is a plain insert whose unique violation (SQLState
 * class 23) is the expected "already there". Inputs are normalised; instants are stored in UTC.
 */
public abstract class SqlDialect {

    static final String LEAD_INSERT = "INSERT INTO pb_lead " + LeadTable.INSERT_COLUMNS + " VALUES " + LeadTable.INSERT_VALUES;
    private static final String SIGNATURE_INSERT = "INSERT INTO pb_seen_signature (digest, expires_at, postback_id) VALUES (?, ?, ?)";
    private static final String SIGNATURE_RENEW = "UPDATE pb_seen_signature SET expires_at = ?, postback_id = ? "
            + "WHERE digest = ? AND expires_at <= ?";

    /** An insert that may be refused by a unique key. */
    @FunctionalInterface
    interface Insert<T> {
        T run() throws SQLException;
    }

    private final JdbcRunner runner;
    private final ConcurrentMap<Integer, String> ledgerSql = new ConcurrentHashMap<>();
    private final ConcurrentMap<Integer, String> outboxSql = new ConcurrentHashMap<>();
    private final ConcurrentMap<Integer, String> deliverySql = new ConcurrentHashMap<>();

    SqlDialect(JdbcRunner runner) {
        this.runner = runner;
    }

    /** The statements of {@code dialect}, run on connections of {@code dataSource}. */
    public static SqlDialect of(Dialect dialect, DataSource dataSource) {
        return switch (dialect) {
            case POSTGRESQL -> new PostgresSql(dataSource);
            case MYSQL -> new MySql(dataSource);
            case H2 -> new H2Sql(dataSource);
        };
    }

    /** The runner of the lead store's units of work on this database. */
    JdbcRunner runner() {
        return runner;
    }

    /**
     * Settings the store makes when it is built (H2: commits written before they are acknowledged).
     * Nothing by default, without even a connection: a store of the other dialects builds while its
     * database is down.
     */
    public void prepareDatabase() throws SQLException {
    }

    /** The clause that limits a query to {@code ?} rows, after ORDER BY. */
    String limit() {
        return " LIMIT ?";
    }

    /** Inserts the lead with its effects: its id, or empty when a lead of the offer holds its key (then nothing was written). */
    OptionalLong insertLead(Lead lead, Effects effects, Deadline deadline) {
        return runner.inTransaction("inserting a lead", deadline, session -> {
            OptionalLong id = insertLeadIfAbsent(session, lead);
            if (id.isEmpty()) {
                session.rollbackOnly();
            } else {
                writeEffects(session, id.getAsLong(), effects);
            }
            return id;
        });
    }

    /**
     * After {@link #insertLead} was refused: reads the lead that holds the key of {@code lead} and
     * journals {@code duplicate} for it, in one statement. Empty when the database cannot (then
     * nothing was written) or no lead held the key any more when it looked.
     */
    Optional<Lead> journalForHolderOfKey(Lead lead, JournalEntry duplicate, Deadline deadline) {
        return Optional.empty();
    }

    /** The compare-and-set on the version column with the effects: false when it lost, and then nothing was written. */
    boolean updateLead(Lead lead, Effects effects, Deadline deadline) {
        return runner.inTransaction("updating a lead", deadline, session -> {
            if (session.update(LeadTable.UPDATE, b -> LeadTable.bindUpdate(b, lead)) == 0) {
                session.rollbackOnly();
                return false;
            }
            writeEffects(session, lead.id(), effects);
            return true;
        });
    }

    /**
     * Journals an entry on its own: its id, or empty when a unique key refused it and nothing was
     * written (the caller tells the postback id's key from a replay key's).
     */
    OptionalLong journal(JournalEntry entry, Deadline deadline) {
        return runner.autoCommit("journaling a postback", deadline,
                session -> unlessTaken(() -> OptionalLong.of(insertJournal(session, entry)), OptionalLong.empty()));
    }

    /**
     * True when the digest was not recorded, or only until {@code now} or earlier; records it until
     * {@code expiresAt} as used by {@code postbackId}. Here two statements, each atomic: the
     * insert-if-absent, and when the digest is there, an update that only an expired row matches.
     * Two racing renewals cannot both match: the first moves the expiry into the future before the
     * second re-reads the row it waited for.
     */
    boolean firstUse(Session session, String digest, String postbackId, Instant expiresAt, Instant now) throws SQLException {
        if (insertSignatureIfAbsent(session, digest, expiresAt, postbackId)) {
            return true;
        }
        return session.update(SIGNATURE_RENEW, b -> b.instant(expiresAt).string(postbackId).string(digest).instant(now)) == 1;
    }

    /** Inserts the lead in the caller's transaction: its id, or empty when its dedupe key is taken. */
    OptionalLong insertLeadIfAbsent(Session session, Lead lead) throws SQLException {
        return unlessTaken(() -> OptionalLong.of(session.insert(LEAD_INSERT, b -> LeadTable.bindInsert(b, lead))),
                OptionalLong.empty());
    }

    /** Whether the digest's row was inserted; false when the digest is recorded already. */
    boolean insertSignatureIfAbsent(Session session, String digest, Instant expiresAt, String postbackId) throws SQLException {
        return unlessTaken(() -> session.update(SIGNATURE_INSERT, b -> b.string(digest).instant(expiresAt).string(postbackId)) == 1,
                false);
    }

    /**
     * A plain single-row insert into a table with the unique columns {@code unique}, as this
     * database inserts it if absent; {@link #insertedIfAbsent} runs it. Here the insert itself:
     * its unique violation is caught (H2 keeps the transaction usable after it).
     */
    String ifAbsent(String insert, String unique) {
        return insert;
    }

    /** Runs an insert made by {@link #ifAbsent}: whether the row was inserted, false when its key was there. */
    boolean insertedIfAbsent(Session session, String sql, Parameters parameters) throws SQLException {
        return unlessTaken(() -> session.update(sql, parameters) == 1, false);
    }

    /** The insert's answer, or {@code taken} when a unique key refused it. */
    static <T> T unlessTaken(Insert<T> insert, T taken) throws SQLException {
        try {
            return insert.run();
        } catch (SQLException e) {
            if (SqlStates.isUniqueViolation(e)) {
                return taken;
            }
            throw e;
        }
    }

    /** The journal entry, ledger entries and events of a lead change, in the caller's transaction. */
    void writeEffects(Session session, long leadId, Effects effects) throws SQLException {
        JournalEntry journal = effects.journal().withLeadId(leadId);
        long journalId = insertJournal(session, journal);
        int bookings = effects.bookings().size();
        if (bookings > 0) {
            String sql = ledgerSql.computeIfAbsent(bookings,
                    n -> EffectTables.LEDGER_INSERT + EffectTables.values(n, EffectTables.LEDGER_TUPLE));
            session.update(sql, b -> EffectTables.bindLedger(b, leadId, journalId, effects.bookings(), journal.receivedAt()));
        }
        int events = effects.events().size();
        if (events > 0) {
            String sql = outboxSql.computeIfAbsent(events,
                    n -> EffectTables.OUTBOX_INSERT + EffectTables.values(n, EffectTables.OUTBOX_TUPLE));
            session.update(sql, b -> EffectTables.bindOutbox(b, leadId, effects.events()));
        }
        int deliveries = effects.deliveries().size();
        if (deliveries > 0) {
            String sql = deliverySql.computeIfAbsent(deliveries,
                    n -> DeliveryTable.INSERT + EffectTables.values(n, DeliveryTable.TUPLE));
            session.update(sql, b -> DeliveryTable.bind(b, leadId, effects.deliveries()));
        }
    }

    /**
     * Claims up to {@code max} deliveries due at {@code now} whose lease has passed, leased to
     * {@code node} until {@code until} (rules §15), oldest due first. Here one transaction of two
     * statements: the due rows, locked with {@code FOR UPDATE SKIP LOCKED} (MySQL 8, MariaDB 10.6+,
     * H2 2.x), so that a row another claim holds is passed over rather than waited for or taken
     * twice; then the lease on the rows locked.
     */
    List<QueuedDelivery> claimDeliveries(String node, Instant now, Instant until, int max) {
        String due = DeliveryTable.SELECT + " WHERE " + DeliveryTable.CLAIMABLE + " ORDER BY due_at, id" + limit()
                + " FOR UPDATE SKIP LOCKED";
        return runner.inTransaction("claiming deliveries", Deadline.none(), session -> {
            List<QueuedDelivery> claimed = session.query(due, b -> b.instant(now).instant(now).number(max), DeliveryTable::readQueued);
            if (!claimed.isEmpty()) {
                String lease = DeliveryTable.LEASE + " WHERE id IN (" + "?, ".repeat(claimed.size() - 1) + "?)";
                session.update(lease, b -> {
                    b.string(node).instant(until);
                    for (QueuedDelivery d : claimed) {
                        b.number(d.delivery().id());
                    }
                });
            }
            return claimed;
        });
    }

    private static long insertJournal(Session session, JournalEntry entry) throws SQLException {
        return session.insert(JournalTable.INSERT, b -> JournalTable.bind(b, entry, false));
    }
}

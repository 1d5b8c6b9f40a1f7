package io.postback.jdbc;

import io.postback.jdbc.internal.Deliveries;
import io.postback.jdbc.internal.DeliveryPurge;
import io.postback.jdbc.internal.JdbcRunner;
import io.postback.jdbc.internal.JournalPurge;
import io.postback.jdbc.internal.LeadQueries;
import io.postback.jdbc.internal.LeadWrites;
import io.postback.jdbc.internal.OperatorQueries;
import io.postback.jdbc.internal.Outbox;
import io.postback.jdbc.internal.SeenSignatureTable;
import io.postback.jdbc.internal.SqlDialect;
import io.postback.model.CapSlot;
import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.model.LedgerEntry;
import io.postback.spi.Deadline;
import io.postback.spi.DeliveryAttempt;
import io.postback.spi.DeliveryQueue;
import io.postback.spi.Effects;
import io.postback.spi.EventOutbox;
import io.postback.spi.Insertion;
import io.postback.spi.LeadHistory;
import io.postback.spi.LeadLookup;
import io.postback.spi.LeadStore;
import io.postback.spi.QueuedDelivery;
import io.postback.spi.RejectionCount;
import io.postback.spi.SeenSignatures;
import io.postback.spi.StoreException;
import io.postback.spi.StoredEvent;
import io.postback.spi.Update;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lead store in the host's database: leads, the journal, the ledger, the event outbox and
 * seen signatures, in the tables of {@link Schema}. Creation is exactly-once by the unique key
 * {@code (offer_id, dedupe_key)}; updates compare and set the {@code version} column; a lead
 * change and its journal entry, ledger entries and events are written as one unit, and so are the
 * keys it registers ({@code pb_lead_key}, rules §12) and the cap slots it takes or frees
 * ({@code pb_cap_use}, counters that only grow while below the cap, rules §14) and the outbound
 * deliveries it enqueues ({@code pb_delivery}, rules §15), which it also serves to the dispatcher as
 * a {@link DeliveryQueue}: a claim locks the due rows with {@code FOR UPDATE SKIP LOCKED} and leases
 * them. Thread-safe and stateless: any number of nodes may share one database.
 *
 * <pre>{@code
 * JdbcLeadStore store = JdbcLeadStore.builder(dataSource).build();
 * PostbackProcessor processor = PostbackProcessor.builder(store, catalog).build();
 * }</pre>
 *
 * Instants are kept at microsecond precision in UTC; the store returns what it keeps.
 * Failures of the database are thrown as {@link StoreException}, which the processor answers {@code store}.
 */
public final class JdbcLeadStore implements LeadStore, LeadHistory, EventOutbox, SeenSignatures, DeliveryQueue {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcLeadStore.class);

    private final Dialect dialect;
    private final LeadQueries queries;
    private final OperatorQueries operatorQueries;
    private final LeadWrites writes;
    private final SeenSignatureTable signatures;
    private final Outbox outbox;
    private final Deliveries deliveries;
    private final JournalPurge journalPurge;
    private final DeliveryPurge deliveryPurge;

    private JdbcLeadStore(Builder b, Dialect dialect) {
        this.dialect = dialect;
        SqlDialect sql = SqlDialect.of(dialect, b.dataSource);
        prepare(sql);
        this.queries = new LeadQueries(sql);
        this.operatorQueries = new OperatorQueries(sql);
        this.writes = new LeadWrites(sql, queries);
        this.signatures = new SeenSignatureTable(sql, b.clock);
        this.outbox = new Outbox(sql);
        this.deliveries = new Deliveries(sql);
        this.journalPurge = new JournalPurge(sql, b.clock);
        this.deliveryPurge = new DeliveryPurge(sql);
    }

    /** The dialect's settings for durable commits, made once (H2: docs/RELIABILITY.md, "What an answer means"). */
    private static void prepare(SqlDialect sql) {
        try {
            sql.prepareDatabase();
        } catch (SQLException e) {
            throw new IllegalStateException("the store cannot be built: " + e.getMessage(), e);
        }
    }

    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** The dialect in use, given or detected. */
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public Optional<Lead> find(LeadLookup lookup) {
        return queries.find(lookup, Deadline.none());
    }

    @Override
    public Insertion insert(Lead lead, Effects effects) {
        return writes.insert(lead, effects, Optional.empty(), Deadline.none());
    }

    @Override
    public Insertion insertOrJournalDuplicate(Lead lead, Effects effects, JournalEntry duplicate) {
        return writes.insert(lead, effects, Optional.of(duplicate), Deadline.none());
    }

    @Override
    public Update update(Lead lead, Effects effects) {
        return writes.update(lead, effects, Deadline.none());
    }

    @Override
    public List<Lead> dueForRelease(Instant now, int limit) {
        return queries.dueForRelease(now, limit, Deadline.none());
    }

    @Override
    public long capUsed(CapSlot slot) {
        return queries.capUsed(slot);
    }

    @Override
    public JournalEntry journal(JournalEntry entry) {
        return writes.journal(entry, Deadline.none());
    }

    @Override
    public Optional<JournalEntry> journalEntry(String postbackId) {
        return queries.journalEntry(postbackId, Deadline.none());
    }

    /** Every statement of the postback gets the time left as its query timeout; none starts once it has passed. */
    @Override
    public LeadStore within(Deadline deadline) {
        return new Bounded(queries, writes, signatures, deadline);
    }

    @Override
    public SeenSignatures signaturesWithin(Deadline deadline) {
        return new Bounded(queries, writes, signatures, deadline);
    }

    @Override
    public Optional<Lead> lead(long leadId) {
        return queries.lead(leadId);
    }

    @Override
    public List<Lead> latestLeads(int limit) {
        return queries.latestLeads(limit);
    }

    @Override
    public List<Lead> leadsCreated(long offerId, Instant from, Instant to, long afterId, int limit) {
        return queries.leadsCreated(offerId, from, to, afterId, limit);
    }

    @Override
    public List<LedgerEntry> ledger(long leadId) {
        return queries.ledger(leadId);
    }

    @Override
    public List<JournalEntry> latestJournal(int limit) {
        return queries.latestJournal(limit);
    }

    @Override
    public List<JournalEntry> rejectedAfter(long afterId, int limit) {
        return queries.rejectedAfter(afterId, limit);
    }

    @Override
    public boolean replayed(long journalId) {
        return queries.replayed(journalId);
    }

    @Override
    public List<Lead> leadsOfClick(String click, int limit) {
        return operatorQueries.leadsOfClick(click, limit);
    }

    @Override
    public List<Lead> leadsOfExto(String exto, int limit) {
        return operatorQueries.leadsOfExto(exto, limit);
    }

    @Override
    public List<JournalEntry> journalOf(long leadId, int limit) {
        return operatorQueries.journalOf(leadId, limit);
    }

    @Override
    public List<RejectionCount> rejectionsSince(Instant since, int max) {
        return operatorQueries.rejectionsSince(since, max);
    }

    @Override
    public List<StoredEvent> pending(int max) {
        return outbox.pending(max);
    }

    @Override
    public void markDelivered(List<Long> eventIds) {
        if (!eventIds.isEmpty()) {
            outbox.markDelivered(eventIds);
        }
    }

    @Override
    public long backlog() {
        return outbox.backlog();
    }

    @Override
    public List<QueuedDelivery> claim(String node, Instant now, Duration lease, int max) {
        return deliveries.claim(node, now, lease, max);
    }

    @Override
    public boolean record(long deliveryId, String node, DeliveryAttempt attempt, Next next) {
        return deliveries.record(deliveryId, node, attempt, next);
    }

    @Override
    public List<QueuedDelivery> deadLetters(int max) {
        return deliveries.deadLetters(max);
    }

    @Override
    public List<QueuedDelivery> retrying(int max) {
        return deliveries.retrying(max);
    }

    @Override
    public boolean resend(long deliveryId, Instant now) {
        return deliveries.resend(deliveryId, now);
    }

    @Override
    public List<QueuedDelivery> deliveriesOf(long leadId) {
        return deliveries.deliveriesOf(leadId);
    }

    @Override
    public List<DeliveryAttempt> attempts(long deliveryId) {
        return deliveries.attempts(deliveryId);
    }

    /** Records the digest; expired digests are purged every thousand or so calls, or by {@link #purgeExpiredSignatures()}. */
    @Override
    public boolean firstUse(String signatureDigest, String postbackId, Instant expiresAt) {
        return signatures.firstUse(signatureDigest, postbackId, expiresAt, Deadline.none());
    }

    @Override
    public Optional<String> firstUser(String signatureDigest) {
        return signatures.firstUser(signatureDigest, Deadline.none());
    }

    @Override
    public void forget(String signatureDigest) {
        signatures.forget(signatureDigest, Deadline.none());
    }

    /** Deletes the digests whose window has passed; a host may run it on a schedule. How many were deleted. */
    public int purgeExpiredSignatures() {
        return signatures.purgeExpired();
    }

    /**
     * Deletes the journal rows received before {@code olderThan} that no guarantee needs any more,
     * at most {@code batchSize} rows per short transaction: rows that ledger entries, applied
     * replays or unexpired seen signatures rely on stay (docs/retention.md). How many rows it deleted.
     */
    public long purgeJournal(Instant olderThan, int batchSize) {
        return journalPurge.purge(Objects.requireNonNull(olderThan, "olderThan"), batchSize);
    }

    /**
     * Deletes the delivered and dead outbound deliveries created before {@code olderThan}, with their
     * attempts, at most {@code batchSize} per short transaction; pending ones stay (docs/retention.md).
     * How many deliveries it deleted.
     */
    public long purgeDeliveries(Instant olderThan, int batchSize) {
        return deliveryPurge.purge(Objects.requireNonNull(olderThan, "olderThan"), batchSize);
    }

    /** The store as one postback with a deadline uses it: the same operations, each bounded by the deadline. */
    private record Bounded(LeadQueries queries, LeadWrites writes, SeenSignatureTable signatures, Deadline deadline)
            implements LeadStore, SeenSignatures {

        @Override
        public Optional<Lead> find(LeadLookup lookup) {
            return queries.find(lookup, deadline);
        }

        @Override
        public Insertion insert(Lead lead, Effects effects) {
            return writes.insert(lead, effects, Optional.empty(), deadline);
        }

        @Override
        public Insertion insertOrJournalDuplicate(Lead lead, Effects effects, JournalEntry duplicate) {
            return writes.insert(lead, effects, Optional.of(duplicate), deadline);
        }

        @Override
        public Update update(Lead lead, Effects effects) {
            return writes.update(lead, effects, deadline);
        }

        @Override
        public List<Lead> dueForRelease(Instant now, int limit) {
            return queries.dueForRelease(now, limit, deadline);
        }

        @Override
        public long capUsed(CapSlot slot) {
            return queries.capUsed(slot);
        }

        @Override
        public JournalEntry journal(JournalEntry entry) {
            return writes.journal(entry, deadline);
        }

        @Override
        public Optional<JournalEntry> journalEntry(String postbackId) {
            return queries.journalEntry(postbackId, deadline);
        }

        @Override
        public boolean firstUse(String signatureDigest, String postbackId, Instant expiresAt) {
            return signatures.firstUse(signatureDigest, postbackId, expiresAt, deadline);
        }

        @Override
        public Optional<String> firstUser(String signatureDigest) {
            return signatures.firstUser(signatureDigest, deadline);
        }

        @Override
        public void forget(String signatureDigest) {
            signatures.forget(signatureDigest, deadline);
        }
    }

    /** Wiring of the store; only the data source is required. */
    public static final class Builder {
        private final DataSource dataSource;
        private Optional<Dialect> dialect = Optional.empty();
        private Clock clock = Clock.systemUTC();

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** Overrides the dialect detected from the connection's metadata. */
        public Builder dialect(Dialect dialect) {
            this.dialect = Optional.of(Objects.requireNonNull(dialect, "dialect"));
            return this;
        }

        /** The clock that decides when a seen signature has expired. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the store; without a dialect, opens one connection to detect it. Fails with
         * {@link IllegalStateException}, naming the table and what to run, when the database does not
         * have the store's tables at {@link Schema#VERSION}.
         */
        public JdbcLeadStore build() {
            Dialect chosen = dialect.orElseGet(() -> detect(dataSource));
            Schema.requireInstalled(dataSource, chosen, Schema.LEAD_TABLES, "JdbcLeadStore");
            JdbcLeadStore store = new JdbcLeadStore(this, chosen);
            // The dialect only: the data source's URL may carry credentials.
            LOG.info("JdbcLeadStore built for the {} dialect ({})", store.dialect(),
                    dialect.isPresent() ? "given to its builder" : "detected from the database");
            return store;
        }
    }

    static Dialect detect(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return Dialect.detect(connection);
        } catch (SQLException e) {
            throw JdbcRunner.failure("detecting the database dialect", e);
        }
    }
}

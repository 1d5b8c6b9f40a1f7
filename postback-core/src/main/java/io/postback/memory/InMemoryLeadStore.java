package io.postback.memory;

import io.postback.model.Booking;
import io.postback.model.CapSlot;
import io.postback.model.ErrorCode;
import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.model.LeadEvent;
import io.postback.model.LedgerEntry;
import io.postback.model.Outcome;
import io.postback.spi.CapFull;
import io.postback.spi.CapTake;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A thread-safe store in memory, for tests and small single-node deployments. Writes are
 * serialised by one lock, so a lead change and its journal entry, ledger entries and events
 * become visible together; lookups read lock-free maps. The journal keeps the newest
 * {@code journalCapacity} entries; leads, ledger and undelivered events are kept in full.
 */
public final class InMemoryLeadStore implements LeadStore, LeadHistory, EventOutbox, SeenSignatures, DeliveryQueue {

    public static final int DEFAULT_JOURNAL_CAPACITY = 10_000;

    private record OfferKey(long offerId, String key) {
    }

    private final Map<Long, Lead> leads = new ConcurrentHashMap<>();
    /** Every lead's own key and its other keys (rules §12). */
    private final Map<OfferKey, Long> byDedupeKey = new ConcurrentHashMap<>();
    /** The ids of a click's leads, oldest first; replaced, never changed, so readers need no lock. */
    private final Map<OfferKey, List<Long>> byClick = new ConcurrentHashMap<>();
    /** The taken slots of each cap's period (rules §14). */
    private final Map<CapSlot, Long> capUse = new HashMap<>();
    private final InMemorySeenSignatures seenSignatures;
    private final Map<Long, Long> appliedReplays = new HashMap<>();
    /** The journal's entries by postback id; as many as the journal keeps. */
    private final Map<String, JournalEntry> byPostbackId = new HashMap<>();
    private final Map<Long, List<LedgerEntry>> ledger = new HashMap<>();
    private final ArrayDeque<JournalEntry> journal = new ArrayDeque<>();
    private final ArrayDeque<StoredEvent> outbox = new ArrayDeque<>();
    private final int journalCapacity;
    private final Object writeLock = new Object();
    private final InMemoryDeliveries deliveries = new InMemoryDeliveries(writeLock);
    private long lastLeadId;
    private long lastJournalId;
    private long lastLedgerId;
    private long lastEventId;

    public InMemoryLeadStore() {
        this(DEFAULT_JOURNAL_CAPACITY);
    }

    public InMemoryLeadStore(int journalCapacity) {
        this(journalCapacity, Clock.systemUTC());
    }

    /** @param clock tells when remembered signatures expire; pass the processor's clock */
    public InMemoryLeadStore(int journalCapacity, Clock clock) {
        if (journalCapacity < 1) {
            throw new IllegalArgumentException("journalCapacity must be positive: " + journalCapacity);
        }
        this.journalCapacity = journalCapacity;
        this.seenSignatures = new InMemorySeenSignatures(clock);
    }

    @Override
    public Optional<Lead> find(LeadLookup lookup) {
        Long id;
        if (lookup instanceof LeadLookup.ByKey byKey) {
            id = byDedupeKey.get(new OfferKey(byKey.offerId(), byKey.dedupeKey()));
        } else if (lookup instanceof LeadLookup.NewestOfClick newest) {
            List<Long> ids = byClick.getOrDefault(new OfferKey(newest.offerId(), newest.click()), List.of());
            id = ids.isEmpty() ? null : ids.get(ids.size() - 1);
        } else if (lookup instanceof LeadLookup.NewestOfClickAndGoal newest) {
            id = newestOfGoal(byClick.getOrDefault(new OfferKey(newest.offerId(), newest.click()), List.of()), newest.goal());
        } else {
            id = ((LeadLookup.ById) lookup).leadId();
        }
        Lead lead = id == null ? null : leads.get(id);
        return lead != null && lead.offerId() == lookup.offerId() ? Optional.of(lead) : Optional.empty();
    }

    private Long newestOfGoal(List<Long> ids, String goal) {
        for (int i = ids.size() - 1; i >= 0; i--) {
            Lead lead = leads.get(ids.get(i));
            if (lead != null && lead.state().goal().equals(goal)) {
                return lead.id();
            }
        }
        return null;
    }

    @Override
    public Insertion insert(Lead lead, Effects effects) {
        synchronized (writeLock) {
            OfferKey own = lead.dedupeKey().isPresent() ? new OfferKey(lead.offerId(), lead.dedupeKey().get()) : null;
            Long holder = own == null ? null : byDedupeKey.get(own);
            for (int i = 0; holder == null && i < effects.keys().size(); i++) {
                holder = byDedupeKey.get(new OfferKey(lead.offerId(), effects.keys().get(i)));
            }
            if (holder != null) {
                return new Insertion.AlreadyExists(leads.get(holder));
            }
            Optional<CapFull> full = firstFull(effects.capTakes());
            if (full.isPresent()) {
                return full.get();
            }
            refuseSecondEntry(effects.journal());
            Lead stored = lead.stored(++lastLeadId);
            leads.put(stored.id(), stored);
            if (own != null) {
                byDedupeKey.put(own, stored.id());
            }
            for (String key : effects.keys()) {
                byDedupeKey.put(new OfferKey(lead.offerId(), key), stored.id());
            }
            if (stored.click().isPresent()) {
                OfferKey click = new OfferKey(stored.offerId(), stored.click().get());
                byClick.put(click, withId(byClick.get(click), stored.id()));
            }
            writeEffects(stored.id(), effects);
            return new Insertion.Inserted(stored);
        }
    }

    @Override
    public Update update(Lead lead, Effects effects) {
        synchronized (writeLock) {
            Lead current = leads.get(lead.id());
            if (current == null || current.version() != lead.version()) {
                return Update.OUTDATED;
            }
            for (String key : effects.keys()) {
                // Held already, even by this lead: the change was decided on a read from before the key was given.
                if (byDedupeKey.containsKey(new OfferKey(lead.offerId(), key))) {
                    return Update.OUTDATED;
                }
            }
            Optional<CapFull> full = firstFull(effects.capTakes());
            if (full.isPresent()) {
                return full.get();
            }
            refuseSecondEntry(effects.journal());
            leads.put(lead.id(), lead.nextVersion());
            for (String key : effects.keys()) {
                byDedupeKey.put(new OfferKey(lead.offerId(), key), lead.id());
            }
            writeEffects(lead.id(), effects);
            return Update.APPLIED;
        }
    }

    /** A click's lead ids with one more; a new list, since readers take the lists without the lock. */
    private static List<Long> withId(List<Long> ids, long id) {
        if (ids == null) {
            return List.of(id);
        }
        Long[] more = ids.toArray(new Long[ids.size() + 1]);
        more[ids.size()] = id;
        return List.of(more);
    }

    /** The first slot without room; the caller holds the write lock. */
    private Optional<CapFull> firstFull(List<CapTake> takes) {
        for (CapTake take : takes) {
            if (capUse.getOrDefault(take.slot(), 0L) >= take.max()) {
                return Optional.of(new CapFull(take.slot()));
            }
        }
        return Optional.empty();
    }

    @Override
    public List<Lead> dueForRelease(Instant now, int limit) {
        return leads.values().stream()
                .filter(l -> l.state().held().isPresent() && !l.state().held().get().releaseAt().isAfter(now))
                .sorted(Comparator.comparing((Lead l) -> l.state().held().get().releaseAt()).thenComparingLong(Lead::id))
                .limit(limit)
                .toList();
    }

    @Override
    public long capUsed(CapSlot slot) {
        synchronized (writeLock) {
            return capUse.getOrDefault(slot, 0L);
        }
    }

    @Override
    public JournalEntry journal(JournalEntry entry) {
        synchronized (writeLock) {
            JournalEntry earlier = byPostbackId.get(entry.postbackId());
            if (earlier != null) {
                return earlier;
            }
            refuseSecondReplay(entry);
            return appendJournal(entry);
        }
    }

    /** One journal entry per postback id, and one applied replay per journal entry. */
    private void refuseSecondEntry(JournalEntry entry) {
        if (byPostbackId.containsKey(entry.postbackId())) {
            throw new StoreException("postback " + entry.postbackId() + " is journaled already");
        }
        refuseSecondReplay(entry);
    }

    /** A journal entry is applied by one replay at most, as the JDBC store's unique {@code replay_key} enforces. */
    private void refuseSecondReplay(JournalEntry entry) {
        if (entry.replayOf().isPresent() && entry.outcome() != Outcome.REJECTED
                && appliedReplays.containsKey(entry.replayOf().getAsLong())) {
            throw new StoreException("journal entry " + entry.replayOf().getAsLong() + " was already replayed");
        }
    }

    private void writeEffects(long leadId, Effects effects) {
        for (CapTake take : effects.capTakes()) {
            capUse.merge(take.slot(), 1L, Long::sum);
        }
        for (CapSlot free : effects.capFrees()) {
            capUse.computeIfPresent(free, (slot, used) -> used > 1 ? used - 1 : null);
        }
        JournalEntry journalEntry = appendJournal(effects.journal().withLeadId(leadId));
        if (!effects.bookings().isEmpty()) {
            List<LedgerEntry> entries = ledger.computeIfAbsent(leadId, id -> new ArrayList<>(2));
            for (Booking b : effects.bookings()) {
                entries.add(new LedgerEntry(++lastLedgerId, leadId, journalEntry.id(), b.party(), b.amount(), b.reason(),
                        journalEntry.receivedAt()));
            }
        }
        if (!effects.deliveries().isEmpty()) {
            deliveries.enqueue(leadId, effects.deliveries());
        }
        for (LeadEvent event : effects.events()) {
            outbox.add(new StoredEvent(++lastEventId, event.leadId() == 0 ? event.withLeadId(leadId) : event));
        }
    }

    private JournalEntry appendJournal(JournalEntry entry) {
        JournalEntry stored = entry.withId(++lastJournalId);
        if (entry.replayOf().isPresent() && entry.outcome() != Outcome.REJECTED) {
            appliedReplays.put(entry.replayOf().getAsLong(), stored.id());
        }
        if (journal.size() == journalCapacity) {
            byPostbackId.remove(journal.removeFirst().postbackId());
        }
        journal.addLast(stored);
        byPostbackId.put(stored.postbackId(), stored);
        return stored;
    }

    @Override
    public Optional<JournalEntry> journalEntry(String postbackId) {
        synchronized (writeLock) {
            return Optional.ofNullable(byPostbackId.get(postbackId));
        }
    }

    @Override
    public Optional<Lead> lead(long leadId) {
        return Optional.ofNullable(leads.get(leadId));
    }

    @Override
    public List<Lead> latestLeads(int limit) {
        return leads.values().stream().sorted(Comparator.comparingLong(Lead::id).reversed()).limit(limit).toList();
    }

    @Override
    public List<Lead> leadsCreated(long offerId, Instant from, Instant to, long afterId, int limit) {
        return leads.values().stream().filter(l -> l.offerId() == offerId && l.id() > afterId
                        && !l.createdAt().isBefore(from) && l.createdAt().isBefore(to))
                .sorted(Comparator.comparingLong(Lead::id)).limit(limit).toList();
    }

    @Override
    public List<LedgerEntry> ledger(long leadId) {
        synchronized (writeLock) {
            return List.copyOf(ledger.getOrDefault(leadId, List.of()));
        }
    }

    @Override
    public List<JournalEntry> latestJournal(int limit) {
        synchronized (writeLock) {
            List<JournalEntry> newest = new ArrayList<>(Math.min(limit, journal.size()));
            Iterator<JournalEntry> it = journal.descendingIterator();
            while (it.hasNext() && newest.size() < limit) {
                newest.add(it.next());
            }
            return newest;
        }
    }

    @Override
    public List<JournalEntry> rejectedAfter(long afterId, int limit) {
        synchronized (writeLock) {
            return journal.stream().filter(e -> e.id() > afterId && e.outcome() == Outcome.REJECTED).limit(limit).toList();
        }
    }

    @Override
    public boolean replayed(long journalId) {
        synchronized (writeLock) {
            return appliedReplays.containsKey(journalId);
        }
    }

    @Override
    public List<Lead> leadsOfClick(String click, int limit) {
        return leads.values().stream().filter(l -> l.click().filter(click::equals).isPresent())
                .sorted(Comparator.comparingLong(Lead::id).reversed()).limit(limit).toList();
    }

    @Override
    public List<Lead> leadsOfExto(String exto, int limit) {
        return leads.values().stream().filter(l -> l.exto().filter(exto::equals).isPresent())
                .sorted(Comparator.comparingLong(Lead::id).reversed()).limit(limit).toList();
    }

    @Override
    public List<JournalEntry> journalOf(long leadId, int limit) {
        synchronized (writeLock) {
            List<JournalEntry> entries = new ArrayList<>();
            Iterator<JournalEntry> it = journal.descendingIterator();
            while (it.hasNext() && entries.size() < limit) {
                JournalEntry e = it.next();
                if (e.leadId().equals(OptionalLong.of(leadId))) {
                    entries.add(e);
                }
            }
            return entries;
        }
    }

    @Override
    public List<RejectionCount> rejectionsSince(Instant since, int max) {
        record Key(OptionalLong siteId, ErrorCode error) {
        }
        Map<Key, Long> counts = new LinkedHashMap<>();
        synchronized (writeLock) {
            int read = 0;
            Iterator<JournalEntry> it = journal.descendingIterator();
            while (it.hasNext() && read < max) {
                JournalEntry e = it.next();
                if (e.outcome() == Outcome.REJECTED) {
                    read++;
                    if (!e.receivedAt().isBefore(since) && e.error().isPresent()) {
                        counts.merge(new Key(e.siteId(), e.error().get()), 1L, Long::sum);
                    }
                }
            }
        }
        return counts.entrySet().stream().map(c -> new RejectionCount(c.getKey().siteId(), c.getKey().error(), c.getValue()))
                .toList();
    }

    @Override
    public boolean firstUse(String signatureDigest, String postbackId, Instant expiresAt) {
        return seenSignatures.firstUse(signatureDigest, postbackId, expiresAt);
    }

    @Override
    public Optional<String> firstUser(String signatureDigest) {
        return seenSignatures.firstUser(signatureDigest);
    }

    @Override
    public void forget(String signatureDigest) {
        seenSignatures.forget(signatureDigest);
    }

    @Override
    public List<StoredEvent> pending(int max) {
        synchronized (writeLock) {
            return outbox.stream().limit(max).toList();
        }
    }

    @Override
    public void markDelivered(List<Long> eventIds) {
        synchronized (writeLock) {
            outbox.removeIf(e -> eventIds.contains(e.id()));
        }
    }

    @Override
    public long backlog() {
        synchronized (writeLock) {
            return outbox.size();
        }
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

    /** How many leads the store holds. */
    public int leadCount() {
        return leads.size();
    }
}

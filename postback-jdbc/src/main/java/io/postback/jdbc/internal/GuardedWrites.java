package io.postback.jdbc.internal;

import io.postback.model.CapSlot;
import io.postback.model.Lead;
import io.postback.spi.CapTake;
import io.postback.spi.Deadline;
import io.postback.spi.Effects;
import io.postback.spi.StoreException;
import io.postback.spi.WriteOutcomeUnknownException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * A lead change that registers keys (rules §12) or takes or frees cap slots (rules §14): one
 * transaction in which the database decides. The lead row comes first (the insert-if-absent of its
 * key, or the compare-and-set of its version), then the keys, unique in {@code pb_lead_key}, then
 * the counters of {@code pb_cap_use}, each taken by an update that only matches while it is below
 * the cap. Keys and counters are visited in sorted order, so two changes never wait for each other
 * in a circle. When anything is refused, the transaction is rolled back: nothing is written.
 *
 * <p>A period's first slot finds no counter; the counter is then created empty on its own (a
 * statement in auto-commit, insert-if-absent) and the change is run again. A transaction never
 * creates a counter: two of them inserting the same one could deadlock on MySQL's gap locks.
 */
final class GuardedWrites {

    /** What a guarded change came to. */
    sealed interface Outcome {
    }

    /** Written, with the lead's id. */
    record Written(long leadId) implements Outcome {
    }

    /** Refused: another lead holds this key. */
    record KeyTaken(String key) implements Outcome {
    }

    /** Refused: this cap slot has no room. */
    record Full(CapSlot slot) implements Outcome {
    }

    /** Refused: the lead's version moved on. */
    record Outdated() implements Outcome {
    }

    /** Not written: the period of this slot has no counter yet. */
    private record CounterMissing(CapSlot slot) implements Outcome {
    }

    /** A slot to take (with the cap's max) or give back, in the order counters are visited. */
    private record CapChange(CapSlot slot, OptionalLong takeUpTo) {
    }

    private static final Comparator<CapChange> BY_SLOT = Comparator.comparing((CapChange c) -> c.slot().cap())
            .thenComparing(c -> c.slot().period());

    private final SqlDialect dialect;
    private final String keyInsert;
    private final String counterInsert;

    GuardedWrites(SqlDialect dialect) {
        this.dialect = dialect;
        this.keyInsert = dialect.ifAbsent(NetworkTables.KEY_INSERT, NetworkTables.KEY_UNIQUE);
        this.counterInsert = dialect.ifAbsent(NetworkTables.COUNTER_INSERT, NetworkTables.COUNTER_UNIQUE);
    }

    Outcome insert(Lead lead, Effects effects, Deadline deadline) {
        return withCounters(effects, deadline, () -> dialect.runner().inTransaction("inserting a lead", deadline, session -> {
            OptionalLong id = dialect.insertLeadIfAbsent(session, lead);
            if (id.isEmpty()) {
                session.rollbackOnly();
                return new KeyTaken(lead.dedupeKey().orElseThrow());
            }
            return writeGuarded(session, lead.stored(id.getAsLong()), true, effects);
        }));
    }

    Outcome update(Lead lead, Effects effects, Deadline deadline) {
        return withCounters(effects, deadline, () -> dialect.runner().inTransaction("updating a lead", deadline, session -> {
            if (session.update(LeadTable.UPDATE, b -> LeadTable.bindUpdate(b, lead)) == 0) {
                session.rollbackOnly();
                return new Outdated();
            }
            return writeGuarded(session, lead, false, effects);
        }));
    }

    /** Runs the change again after creating each counter it found missing; a change takes few slots. */
    private Outcome withCounters(Effects effects, Deadline deadline, Supplier<Outcome> change) {
        for (int created = 0; ; created++) {
            Outcome outcome = change.get();
            if (!(outcome instanceof CounterMissing missing)) {
                return outcome;
            }
            if (created >= effects.capTakes().size()) {
                throw new StoreException("taking a cap slot failed: its counter is missing after it was created");
            }
            createCounter(missing.slot(), deadline);
        }
    }

    /** The keys and counters of a lead whose row is written in the session, then the other effects. */
    private Outcome writeGuarded(Session session, Lead lead, boolean newLead, Effects effects) throws SQLException {
        Optional<Outcome> refused = registerKeys(session, lead, newLead, effects.keys());
        if (refused.isEmpty()) {
            refused = changeCounters(session, effects);
        }
        if (refused.isPresent()) {
            session.rollbackOnly();
            return refused.get();
        }
        dialect.writeEffects(session, lead.id(), effects);
        return new Written(lead.id());
    }

    /**
     * Registers each key unless any lead holds it already, as its own key or another: the lead
     * changed too, when the key is its own or one it was given before (the same repeat applied
     * twice, rules §12). Only a new lead's own key is its own to register.
     */
    private Optional<Outcome> registerKeys(Session session, Lead lead, boolean newLead, List<String> keys) throws SQLException {
        for (String key : new TreeSet<>(keys)) {
            boolean justInserted = newLead && lead.dedupeKey().equals(Optional.of(key));
            if (!justInserted && session.queryFirst(NetworkTables.OWN_KEY_HOLDER, b -> b.number(lead.offerId()).string(key),
                    row -> row.number(1)).isPresent()) {
                return Optional.of(new KeyTaken(key));
            }
            if (!dialect.insertedIfAbsent(session, keyInsert, b -> b.number(lead.offerId()).string(key).number(lead.id()))) {
                return Optional.of(new KeyTaken(key));
            }
        }
        return Optional.empty();
    }

    private Optional<Outcome> changeCounters(Session session, Effects effects) throws SQLException {
        List<CapChange> changes = new ArrayList<>();
        for (CapTake take : effects.capTakes()) {
            changes.add(new CapChange(take.slot(), OptionalLong.of(take.max())));
        }
        for (CapSlot free : effects.capFrees()) {
            changes.add(new CapChange(free, OptionalLong.empty()));
        }
        changes.sort(BY_SLOT);
        for (CapChange change : changes) {
            CapSlot slot = change.slot();
            if (change.takeUpTo().isEmpty()) {
                session.update(NetworkTables.FREE, b -> b.string(slot.cap()).string(slot.period()));
                continue;
            }
            Optional<Outcome> refused = take(session, slot, change.takeUpTo().getAsLong());
            if (refused.isPresent()) {
                return refused;
            }
        }
        return Optional.empty();
    }

    /**
     * The guarded update; when it matches nothing, the locked counter tells a full period from a
     * missing counter (on PostgreSQL a slot freed meanwhile may have made room: then once more).
     */
    private static Optional<Outcome> take(Session session, CapSlot slot, long max) throws SQLException {
        for (int tries = 0; tries < 2; tries++) {
            if (session.update(NetworkTables.TAKE, b -> b.string(slot.cap()).string(slot.period()).number(max)) == 1) {
                return Optional.empty();
            }
            Optional<Long> used = session.queryFirst(NetworkTables.COUNTER_LOCKED, b -> b.string(slot.cap()).string(slot.period()),
                    row -> row.number(1));
            if (used.isEmpty()) {
                return Optional.of(new CounterMissing(slot));
            }
            if (used.get() >= max) {
                return Optional.of(new Full(slot));
            }
        }
        return Optional.of(new Full(slot));
    }

    /** Creates a period's counter, empty, in auto-commit: a counter written or not changes no lead. */
    private void createCounter(CapSlot slot, Deadline deadline) {
        try {
            dialect.runner().autoCommit("creating a cap's counter", deadline,
                    session -> dialect.insertedIfAbsent(session, counterInsert, b -> b.string(slot.cap()).string(slot.period())));
        } catch (WriteOutcomeUnknownException e) {
            throw new StoreException("creating a cap's counter failed, no lead was written: " + e.getMessage(), e);
        }
    }
}

package io.postback.internal;

import io.postback.DuplicatePolicy;
import io.postback.PostbackProcessor;
import io.postback.PostbackRequest;
import io.postback.PostbackResult;
import io.postback.TransitionPolicy;
import io.postback.model.Action;
import io.postback.model.ErrorCode;
import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.model.Outcome;
import io.postback.model.Status;
import io.postback.spi.ClickResolver;
import io.postback.spi.CurrencyConverter;
import io.postback.spi.Deadline;
import io.postback.spi.Insertion;
import io.postback.spi.LeadLookup;
import io.postback.spi.LeadStore;
import io.postback.spi.OfferCatalog;
import io.postback.spi.SeenSignatures;
import io.postback.spi.StoreException;
import io.postback.spi.WriteOutcomeUnknownException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one postback through the rules of SPEC §1–§8 against a store. Stateless and thread-safe. */
public final class Engine {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    /** The journal's message for a postback the store failed; the answer tells the sender to retry. */
    static final String STORE_MESSAGE = "storage failure";
    /** The rejection of a guarded replay whose lead changed after the original arrived. */
    public static final String SUPERSEDED = "the lead changed after this postback arrived: it is not replayed over that change";
    /** How often the 'store' rejection of a failed write is tried, within the deadline. */
    private static final int RESOLUTION_ATTEMPTS = 3;
    /** The answer to a postback the store failed, known not to be applied. */
    public static final String NOT_APPLIED = "storage is unavailable and the postback was not applied: send it again later";
    /** The answer when the write may have committed and the store could not say in time (docs/RELIABILITY.md, "Failures: what is answered"). */
    public static final String OUTCOME_UNKNOWN = "storage failed while the postback was written, and whether it was "
            + "applied is not known: send it again later (a postback with 'exto' that was applied is then answered 'duplicate')";
    /** The journal's message for a signed postback received again; the first use's outcome follows. */
    static final String REPEAT_MESSAGE = "repeat of a signed postback received before, answered as then: ";

    private final PostbackPreparer preparer;
    private final LeadCreator creator;
    private final LeadUpdater updater;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration deadline;
    private final CatalogSecrets secrets;
    private final UnauthenticatedFlood flood;

    public Engine(OfferCatalog catalog, ClickResolver clicks, CurrencyConverter converter, DuplicatePolicy duplicates,
                  TransitionPolicy transitions, Clock clock, Optional<String> globalToken, boolean recordEvents,
                  int maxAttempts, SeenSignatures seenSignatures, Duration signatureWindow, Duration deadline,
                  int unauthenticatedJournaledPerMinute) {
        catalog = GuardedCallbacks.catalog(catalog);
        clicks = GuardedCallbacks.clicks(clicks);
        converter = GuardedCallbacks.converter(converter);
        MoneyRules money = new MoneyRules(catalog);
        LeadEvents events = new LeadEvents(recordEvents);
        this.preparer = new PostbackPreparer(catalog, new Authenticator(catalog, globalToken), clicks,
                new AmountConverter(converter), new SenderChecks(seenSignatures, signatureWindow));
        this.creator = new LeadCreator(money, duplicates, events);
        this.updater = new LeadUpdater(money, transitions, events);
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.deadline = deadline;
        this.secrets = new CatalogSecrets(catalog, globalToken);
        this.flood = new UnauthenticatedFlood(unauthenticatedJournaledPerMinute);
    }

    /** Postbacks no site authenticated, since this engine was built: all of them, and those left out of the journal. */
    public PostbackProcessor.UnauthenticatedPostbacks unauthenticatedPostbacks() {
        return new PostbackProcessor.UnauthenticatedPostbacks(flood.received(), flood.suppressed());
    }

    public PostbackResult handle(PostbackRequest request, LeadStore unbounded, Trace trace, Mode mode) {
        Deadline storeDeadline = Deadline.in(deadline);
        Postback pb = new Postback(request.action(), request.rawParams(), clock.instant(), request.remoteAddress(),
                mode, trace, storeDeadline, secrets.masker());
        LeadStore store = unbounded.within(storeDeadline);
        try {
            preparer.prepare(pb);
            if (pb.repeatedSignature != null) {
                return answerRepeat(pb, store);
            }
            boolean creates = pb.action == Action.CREATE || pb.status == Status.NEW;
            if (pb.action == Action.STATUS && pb.status == Status.NEW) {
                trace.add("action", "status 'new' on STATUS: handled as a CREATE");
            }
            return creates ? create(pb, store, pb.status == null ? Status.NEW : pb.status) : changeStatus(pb, store);
        } catch (Rejection r) {
            if (r.code().isTransient()) {
                preparer.forgetSignature(pb);
            }
            String message = pb.masker.mask(r.getMessage());
            trace.add("rejected", r.code().wireName() + ": " + message);
            journalRejection(store, pb, r.code(), message);
            return new PostbackResult.Rejected(r.code(), message);
        } catch (StoreException e) {
            LOG.warn("{} postback failed in the store: {}", pb.action.wireName(), e.toString());
            return afterStoreFailure(pb, store, e instanceof WriteOutcomeUnknownException && pb.attempted != null);
        }
    }

    /**
     * A write failed, and it may have committed all the same (the connection broke during the
     * statement or its commit). The postback's 'store' rejection is journaled under its postback id;
     * the store keeps one entry per id, so it answers the entry that committed first: this
     * rejection (the write did not commit, and now never will), or the write's own entry, whose
     * outcome is then the answer (docs/RELIABILITY.md, "Failures: what is answered").
     */
    private PostbackResult afterStoreFailure(Postback pb, LeadStore store, boolean writeMayHaveCommitted) {
        JournalEntry rejection = JournalEntries.entry(pb, 0, Outcome.REJECTED, ErrorCode.STORE, STORE_MESSAGE);
        // Tried again only when there is something to learn: a write that may have committed.
        Optional<JournalEntry> stored = journalWithinDeadline(store, rejection, pb.deadline,
                writeMayHaveCommitted ? RESOLUTION_ATTEMPTS : 1);
        Optional<PostbackResult> committed = stored.flatMap(entry -> committedAnswer(pb, store, entry));
        if (committed.isPresent()) {
            pb.trace.add("resolved", "the write committed before the failure was seen: answered as it committed");
            return committed.get();
        }
        if (stored.isEmpty() && writeMayHaveCommitted) {
            // The signature stays used: if the write did commit, a retry must not apply it again.
            pb.trace.add("rejected", "store: the write may have committed, and the store could not tell in time");
            return new PostbackResult.Rejected(ErrorCode.STORE, OUTCOME_UNKNOWN);
        }
        preparer.forgetSignature(pb);
        pb.trace.add("rejected", "store: nothing of the postback was written");
        return new PostbackResult.Rejected(ErrorCode.STORE, NOT_APPLIED);
    }

    /** The answer of the entry that committed for this postback, when it is not the 'store' rejection itself. */
    private static Optional<PostbackResult> committedAnswer(Postback pb, LeadStore store, JournalEntry stored) {
        if (stored.outcome() == Outcome.REJECTED) {
            ErrorCode code = stored.error().orElse(ErrorCode.STORE);
            return code == ErrorCode.STORE ? Optional.empty() : Optional.of(new PostbackResult.Rejected(code, stored.message()));
        }
        if (stored.leadId().isEmpty()) {
            return Optional.empty();
        }
        long leadId = stored.leadId().getAsLong();
        PostbackResult.Applied attempted = pb.attempted;
        if (attempted != null && attempted.outcome() == stored.outcome()) {
            // What the write would have answered: a new lead learns its id from the entry.
            if (attempted.outcome() == Outcome.CREATED) {
                return Optional.of(new PostbackResult.Applied(Outcome.CREATED, attempted.current().stored(leadId)));
            }
            if (attempted.current().id() == leadId) {
                return Optional.of(attempted);
            }
        }
        try {
            return store.find(new LeadLookup.ById(pb.offer.id(), leadId))
                    .map(lead -> new PostbackResult.Applied(stored.outcome(), lead));
        } catch (StoreException e) {
            return Optional.empty();
        }
    }

    /**
     * A signed postback whose signature was used before is a sender's retry after a lost answer
     * (the signature covers every parameter): it gets the answer of the first use, marked as a
     * repeat, and nothing is applied again. The same signature on another action is refused.
     */
    private PostbackResult answerRepeat(Postback pb, LeadStore store) throws Rejection {
        JournalEntry first = pb.firstUse.flatMap(store::journalEntry).orElse(null);
        if (first == null || first.outcome() == Outcome.REJECTED && first.error().orElseThrow().isTransient()) {
            if (first != null) {
                preparer.forgetRepeatedSignature(pb); // the first use did nothing: the next retry is a first use
            }
            throw new Rejection(ErrorCode.CONFLICT, "this signed postback was received before and its answer is not known yet; "
                    + "send it again shortly");
        }
        if (first.action() != pb.action) {
            throw new Rejection(ErrorCode.SIGNATURE, "this signature was already used: sign each postback anew");
        }
        PostbackResult answer;
        long leadId = first.leadId().orElse(0);
        if (first.outcome() == Outcome.REJECTED) {
            answer = new PostbackResult.Rejected(first.error().orElseThrow(), first.message(), true);
        } else {
            Lead lead = store.find(new LeadLookup.ById(pb.offer.id(), leadId))
                    .orElseThrow(() -> new Rejection(ErrorCode.LEAD, "the lead of this signed postback's first answer is gone"));
            pb.attempted = new PostbackResult.Applied(first.outcome(), lead, true);
            answer = pb.attempted;
        }
        pb.trace.add("repeat", "answered as journal entry " + first.id() + " was: " + first.outcome().wireName());
        store.journal(JournalEntries.entry(pb, leadId, Outcome.DUPLICATE, null, REPEAT_MESSAGE + first.outcome().wireName()));
        return answer;
    }

    /**
     * A replay of a transient failure is refused when its lead changed after the original arrived:
     * the sender has sent it again since, or a later postback decided the lead, and an old postback
     * must not undo that (README, "Journal replay").
     */
    private static void refuseIfChangedSince(Postback pb, Lead lead) throws Rejection {
        if (pb.unchangedSince.isPresent() && !lead.state().updatedAt().isBefore(pb.unchangedSince.get())) {
            throw superseded(pb, lead);
        }
    }

    /** For a CREATE with a click alone, whose sender's retry made a new lead of the click: the newest one. */
    private static void refuseIfClickHasANewerLead(Postback pb, LeadStore store) throws Rejection {
        if (pb.unchangedSince.isPresent() && pb.params.exto == null && pb.params.click != null) {
            Optional<Lead> newest = store.find(new LeadLookup.NewestOfClick(pb.offer.id(), pb.params.click));
            if (newest.isPresent() && !newest.get().createdAt().isBefore(pb.unchangedSince.get())) {
                throw superseded(pb, newest.get());
            }
        }
    }

    private static Rejection superseded(Postback pb, Lead lead) {
        pb.trace.add("replay", "lead " + lead.id() + " changed after the original arrived: not replayed over it");
        return new Rejection(ErrorCode.CONFLICT, SUPERSEDED);
    }

    private PostbackResult create(Postback pb, LeadStore store, Status status) throws Rejection {
        refuseIfClickHasANewerLead(pb, store);
        LeadCreator.Key key = creator.key(pb, store);
        if (key instanceof LeadCreator.DuplicateOf duplicate) {
            return duplicate(pb, store, duplicate.lead());
        }
        Insertion insertion = creator.insertOrJournalDuplicate(pb, status, ((LeadCreator.Keyed) key).dedupeKey(), store);
        if (insertion instanceof Insertion.Inserted inserted) {
            if (pb.trace.enabled()) {
                pb.trace.add("result", "created lead " + inserted.lead().id() + " in " + status.wireName());
            }
            return new PostbackResult.Applied(Outcome.CREATED, inserted.lead());
        }
        return duplicateAnswer(pb, insertion.lead()); // the store journaled it
    }

    private PostbackResult duplicate(Postback pb, LeadStore store, Lead existing) {
        pb.attempted = new PostbackResult.Applied(Outcome.DUPLICATE, existing);
        store.journal(JournalEntries.entry(pb, existing.id(), Outcome.DUPLICATE, null, LeadCreator.DUPLICATE_MESSAGE));
        return duplicateAnswer(pb, existing);
    }

    private static PostbackResult duplicateAnswer(Postback pb, Lead existing) {
        if (pb.trace.enabled()) {
            pb.trace.add("result", "duplicate of lead " + existing.id());
        }
        return new PostbackResult.Applied(Outcome.DUPLICATE, existing);
    }

    private PostbackResult changeStatus(Postback pb, LeadStore store) throws Rejection {
        LeadLookup lookup = lookup(pb);
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            Optional<Lead> found = store.find(lookup);
            if (found.isEmpty()) {
                if (!pb.params.auto) {
                    throw new Rejection(ErrorCode.LEAD, "no lead of this offer matches the postback; send auto=1 to create it");
                }
                Status target = pb.status == null ? Status.NEW : pb.status;
                if (pb.trace.enabled()) {
                    pb.trace.add("auto", "no lead matches: auto=1 creates it in " + target.wireName());
                }
                LeadCreator.Key key = creator.key(pb, store);
                if (key instanceof LeadCreator.DuplicateOf d) {
                    found = Optional.of(d.lead());
                } else {
                    Insertion insertion = creator.insert(pb, target, ((LeadCreator.Keyed) key).dedupeKey(), store);
                    if (insertion instanceof Insertion.Inserted inserted) {
                        if (pb.trace.enabled()) {
                            pb.trace.add("result", "created lead " + inserted.lead().id());
                        }
                        return new PostbackResult.Applied(Outcome.CREATED, inserted.lead());
                    }
                    pb.attempted = null; // nothing was written
                    continue; // the lead appeared meanwhile: change it instead
                }
            }
            Lead lead = found.get();
            if (pb.trace.enabled()) {
                pb.trace.add("lead", "found lead " + lead.id() + " (" + lead.status().wireName() + ", goal '"
                        + lead.state().goal() + "')");
            }
            refuseIfChangedSince(pb, lead);
            LeadUpdater.Change change = updater.change(pb, lead);
            if (!change.writes()) {
                pb.attempted = new PostbackResult.Applied(change.outcome(), lead);
                store.journal(change.effects().journal());
                return new PostbackResult.Applied(change.outcome(), lead);
            }
            pb.attempted = new PostbackResult.Applied(Outcome.UPDATED, change.lead().nextVersion());
            if (store.update(change.lead(), change.effects())) {
                if (pb.trace.enabled()) {
                    pb.trace.add("result", "updated lead " + lead.id() + " to " + change.lead().status().wireName());
                }
                return new PostbackResult.Applied(Outcome.UPDATED, change.lead().nextVersion());
            }
            pb.attempted = null; // the compare-and-set lost: nothing was written
            if (pb.trace.enabled()) {
                pb.trace.add("retry", "lead " + lead.id() + " changed concurrently (attempt " + attempt + ")");
            }
        }
        throw new Rejection(ErrorCode.CONFLICT, "the lead kept changing concurrently; send the postback again");
    }

    private static LeadLookup lookup(Postback pb) throws Rejection {
        PostbackParams p = pb.params;
        long offerId = pb.offer.id();
        if (p.exto != null) {
            pb.trace.add("lookup", p.click != null ? "by (click, exto)" : "by (flow, exto)");
            return new LeadLookup.ByKey(offerId,
                    p.click != null ? DedupeKeys.clickExto(p.click, p.exto) : DedupeKeys.flowExto(pb.flow.id(), p.exto));
        }
        if (p.click != null) {
            pb.trace.add("lookup", "the newest lead of the click");
            return new LeadLookup.NewestOfClick(offerId, p.click);
        }
        throw new Rejection(ErrorCode.LEAD, "a flow without 'exto' cannot address a lead");
    }

    /** A postback that no site authenticated goes through {@link UnauthenticatedFlood} first. */
    private void journalRejection(LeadStore store, Postback pb, ErrorCode code, String message) {
        if (pb.scope.offerId == 0 && !pb.dryRun && pb.replayOf.isEmpty()) {
            UnauthenticatedFlood.Verdict verdict = flood.admit(pb.remoteAddress.orElse("unknown"), pb.now);
            if (verdict.suppressedBefore() > 0) {
                journalQuietly(store, JournalEntries.floodSummary(pb, verdict.suppressedBefore(), verdict.since()));
            }
            if (!verdict.journal()) {
                return;
            }
        }
        journalQuietly(store, JournalEntries.entry(pb, 0, Outcome.REJECTED, code, message));
    }

    /**
     * Tries again while the postback's deadline lasts (the store bounds each try by it): a database
     * that was back within a second still tells what a broken connection left unsaid.
     */
    private static Optional<JournalEntry> journalWithinDeadline(LeadStore store, JournalEntry entry, Deadline deadline,
                                                                int attempts) {
        for (int attempt = 1; ; attempt++) {
            Optional<JournalEntry> stored = journalQuietly(store, entry);
            if (stored.isPresent() || attempt >= attempts || deadline.hasPassed()) {
                return stored;
            }
        }
    }

    /** The entry as stored, or empty when the store failed (it is then answered all the same). */
    private static Optional<JournalEntry> journalQuietly(LeadStore store, JournalEntry entry) {
        try {
            return Optional.of(store.journal(entry));
        } catch (StoreException e) {
            LOG.warn("could not journal a rejected {} postback: {}", entry.action().wireName(), e.toString());
            return Optional.empty();
        }
    }
}

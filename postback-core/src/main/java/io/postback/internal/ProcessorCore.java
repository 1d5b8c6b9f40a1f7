package io.postback.internal;

import io.postback.PostbackProcessor;
import io.postback.PostbackResult;
import io.postback.model.Action;
import io.postback.model.Cap;
import io.postback.model.ErrorCode;
import io.postback.model.Goal;
import io.postback.model.Lead;
import io.postback.model.Outcome;
import io.postback.model.Repeat;
import io.postback.model.Status;
import io.postback.spi.CapFull;
import io.postback.spi.Deadline;
import io.postback.spi.Insertion;
import io.postback.spi.LeadLookup;
import io.postback.spi.LeadStore;
import io.postback.spi.StoreException;
import io.postback.spi.Update;
import io.postback.spi.WriteOutcomeUnknownException;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one postback through the rules (rules §1–§9) against a store, and is the only caller of the
 * store: it prepares the postback, reads what the rules need, asks the pure rule classes
 * ({@link LeadCreator}, {@link LeadUpdater}) what to write, and writes it. Stateless and thread-safe.
 */
public final class ProcessorCore {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessorCore.class);
    /** The rejection of a guarded replay whose lead changed after the original arrived. */
    public static final String SUPERSEDED = ReplayGuard.SUPERSEDED;

    private final ProcessorSettings settings;
    private final PostbackPreparer preparer;
    private final LeadCreator creator;
    private final LeadUpdater updater;
    private final CatalogSecrets secrets;
    private final SignedRepeats repeats = new SignedRepeats();
    private final CommitResolution resolution = new CommitResolution(repeats);
    private final RejectionJournal rejections;
    private final HandledObserver observer;
    private final HoldReleases releases;

    public ProcessorCore(ProcessorSettings settings) {
        this.settings = settings;
        var catalog = GuardedCallbacks.catalog(settings.catalog());
        var clicks = GuardedCallbacks.clicks(settings.clicks());
        MoneyRules money = new MoneyRules(catalog);
        LeadEvents events = new LeadEvents(settings.recordEvents());
        this.preparer = new PostbackPreparer(catalog, new Authenticator(catalog, settings.globalToken()), clicks,
                new AmountConverter(GuardedCallbacks.converter(settings.converter())), new SenderChecks(settings.signatureWindow()));
        OutboundDeliveries deliveries = new OutboundDeliveries(catalog);
        this.creator = new LeadCreator(money, settings.duplicates(), events, deliveries);
        this.updater = new LeadUpdater(money, settings.transitions(), events, deliveries);
        this.secrets = new CatalogSecrets(catalog, settings.globalToken());
        this.rejections = new RejectionJournal(settings.unauthenticatedJournaledPerMinute());
        this.observer = new HandledObserver(settings.observers());
        this.releases = new HoldReleases(settings.clock(), settings.deadline(), events, deliveries);
    }

    /** Approves the leads whose hold period has ended (rules §13); how many it released. */
    public int releaseDue(LeadStore store) {
        return releases.releaseDue(store);
    }

    /** Postbacks no site authenticated, since this processor was built: all of them, and those left out of the journal. */
    public PostbackProcessor.UnauthenticatedPostbacks unauthenticatedPostbacks() {
        return rejections.counts();
    }

    public PostbackResult handle(Action action, ReceivedParams params, Optional<String> remoteAddress, LeadStore store,
                                 Trace trace, Mode mode) {
        long started = System.nanoTime();
        Instant now = settings.clock().instant();
        Deadline deadline = Deadline.in(settings.deadline());
        Received received = new Received(PostbackIds.next(now.toEpochMilli()), action, params, now, remoteAddress, mode,
                deadline, secrets.masker(), trace);
        Handling h = new Handling(received, store.within(deadline), settings.seenSignatures().signaturesWithin(deadline));
        try (PostbackMdc mdc = PostbackMdc.open(received.postbackId())) {
            PostbackResult result = answer(h);
            mdc.result(result);
            observer.handled(h, result, started);
            return result;
        }
    }

    private PostbackResult answer(Handling h) {
        try {
            Authenticated authenticated = preparer.authenticate(h.received);
            h.scope = authenticated.scope();
            PostbackMdc.site(h.scope.siteId());
            Optional<SignatureUse> signature = authenticated.signature();
            if (signature.isPresent() && !repeats.recordFirstUse(h, signature.get())) {
                return repeats.answerRepeat(h, signature.get());
            }
            return decide(h, preparer.resolve(authenticated));
        } catch (Rejection r) {
            return rejected(h, r);
        } catch (StoreException e) {
            LOG.warn("{} postback failed in the store: {}", h.received.action().wireName(), e.toString());
            return resolution.afterStoreFailure(h, e instanceof WriteOutcomeUnknownException && h.attempted != null);
        }
    }

    private PostbackResult rejected(Handling h, Rejection r) {
        if (r.code().isTransient()) {
            repeats.forgetRecorded(h);
        }
        String message = h.received.masker().mask(r.getMessage());
        h.trace().add("rejected", r.code().wireName(), ": ", message);
        // A replay rejected again leaves its original entry as the one to replay: journaling every
        // failed attempt would grow the journal by each rerun (docs/replay.md).
        if (h.received.mode().replayOf().isEmpty()) {
            rejections.journal(h, h.scope.authenticated() ? h.scope : r.scope(), r.code(), message);
        }
        return new PostbackResult.Rejected(r.code(), message);
    }

    private PostbackResult decide(Handling h, PreparedPostback pb) throws Rejection {
        if (pb.action() == Action.STATUS && pb.status() == Status.NEW) {
            pb.trace().add("action", "status 'new' on STATUS: handled as a CREATE");
        }
        if (pb.action() == Action.CORRECT) {
            return changeStatus(h, pb); // a correction changes its lead, and never creates one (rules §16)
        }
        if (pb.action() == Action.CREATE || pb.status() == Status.NEW) {
            return create(h, pb, pb.status() == null ? Status.NEW : pb.status());
        }
        return changeStatus(h, pb);
    }

    private PostbackResult create(Handling h, PreparedPostback pb, Status status) throws Rejection {
        ReplayGuard.refuseIfClickHasANewerLead(pb, h.store);
        Goal goal = LeadCreator.goal(pb);
        if (goal.repeat().isPresent() && goal.repeat().get() != Repeat.NEW && pb.params().click != null) {
            Optional<PostbackResult> repeated = repeat(h, pb, goal);
            if (repeated.isPresent()) {
                return repeated.get();
            }
        }
        LeadCreator.Key key = creator.key(pb, read(h, creator.policyLookup(pb)));
        if (key instanceof LeadCreator.DuplicateOf duplicate) {
            return journalDuplicate(h, pb, duplicate.lead());
        }
        Optional<String> dedupeKey = ((LeadCreator.Keyed) key).dedupeKey();
        Cap turnedAwayBy = null;
        while (true) {
            LeadCreator.NewLead lead = creator.newLead(pb, status, dedupeKey, turnedAwayBy);
            h.attempted = new PostbackResult.Applied(Outcome.CREATED, lead.lead());
            Insertion insertion = h.store.insertOrJournalDuplicate(lead.lead(), lead.effects(), lead.ifDuplicate());
            if (insertion instanceof Insertion.Inserted inserted) {
                pb.trace().add("result", "created lead ", inserted.lead().id(), " in ", inserted.lead().status().wireName());
                return new PostbackResult.Applied(Outcome.CREATED, inserted.lead());
            }
            if (insertion instanceof Insertion.AlreadyExists existing) {
                return duplicateAnswer(pb, existing.lead()); // the store journaled it
            }
            h.attempted = null;
            turnedAwayBy = overCap(pb, (CapFull) insertion, turnedAwayBy);
        }
    }

    /**
     * Rules §12: a CREATE of a goal that sets {@code ignore} or {@code add}, for a click that has a
     * lead of the goal. Empty when it has none: the CREATE makes the click's first lead of the goal.
     */
    private Optional<PostbackResult> repeat(Handling h, PreparedPostback pb, Goal goal) throws Rejection {
        ValidatedParams p = pb.params();
        String key = p.exto == null ? null : DedupeKeys.clickExto(p.click, p.exto);
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            if (key != null) {
                Optional<Lead> holder = h.store.find(new LeadLookup.ByKey(pb.offer().id(), key));
                if (holder.isPresent()) {
                    pb.trace().add("repeat", "(click, exto) is a key of lead ", holder.get().id(), ": a duplicate, whatever the goal says");
                    return Optional.of(journalDuplicate(h, pb, holder.get()));
                }
            }
            Optional<Lead> found = h.store.find(new LeadLookup.NewestOfClickAndGoal(pb.offer().id(), p.click, goal.id()));
            if (found.isEmpty()) {
                pb.trace().add("repeat", "the click has no lead of goal '", goal.id(), "' yet");
                return Optional.empty();
            }
            Lead lead = found.get();
            PostbackMdc.lead(lead.id());
            if (goal.repeat().get() == Repeat.IGNORE) {
                pb.trace().add("repeat", "goal '", goal.id(), "' ignores repeats: lead ", lead.id(), " already converted it");
                return Optional.of(journalDuplicate(h, pb, lead));
            }
            Optional<PostbackResult> added = write(h, pb, lead, attempt, turnedAwayBy -> updater.add(pb, lead, goal, key, turnedAwayBy));
            if (added.isPresent()) {
                return added;
            }
        }
        throw new Rejection(ErrorCode.CONFLICT, "the lead kept changing concurrently; send the postback again");
    }

    /**
     * The cap that had no room, when its {@code over} stores the lead in another status; a rejection otherwise.
     *
     * @param turnedAwayBy the cap that turned the lead away before, or null
     */
    private static Cap overCap(PreparedPostback pb, CapFull full, Cap turnedAwayBy) throws Rejection {
        if (turnedAwayBy != null) { // a lead a cap turned away takes no slot: the store answered what it was not asked
            throw new StoreException("the store found no room in " + full.slot().cap() + " for a change that takes no slot");
        }
        Cap cap = pb.offer().capByKey(full.slot().cap()).orElseThrow(() -> new Rejection(ErrorCode.CAP,
                "a cap of this offer has no room left in " + full.slot().period()));
        if (cap.over() == Cap.Over.REJECT) {
            pb.trace().add("cap", cap.describe(), " is full for ", full.slot().period(), ": rejected");
            throw new Rejection(ErrorCode.CAP, cap.describe() + " has no room left in " + full.slot().period());
        }
        return cap;
    }

    private PostbackResult journalDuplicate(Handling h, PreparedPostback pb, Lead existing) {
        h.attempted = new PostbackResult.Applied(Outcome.DUPLICATE, existing);
        h.store.journal(pb.journal(existing.id(), Outcome.DUPLICATE, null, LeadCreator.DUPLICATE_MESSAGE));
        return duplicateAnswer(pb, existing);
    }

    private static PostbackResult duplicateAnswer(PreparedPostback pb, Lead existing) {
        pb.trace().add("result", "duplicate of lead ", existing.id());
        return new PostbackResult.Applied(Outcome.DUPLICATE, existing);
    }

    /** Finds the lead (creating it with {@code auto=1}) and changes it, again while a concurrent change beats it. */
    private PostbackResult changeStatus(Handling h, PreparedPostback pb) throws Rejection {
        LeadLookup lookup = lookup(pb);
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            Found found = findOrCreate(h, pb, lookup);
            if (found instanceof Found.Created created) {
                return created.result();
            }
            if (found instanceof Found.Existing existing) {
                Optional<PostbackResult> updated = update(h, pb, existing.lead(), attempt);
                if (updated.isPresent()) {
                    return updated.get();
                }
            }
        }
        throw new Rejection(ErrorCode.CONFLICT, "the lead kept changing concurrently; send the postback again");
    }

    /** What a STATUS found: its lead, the lead it created ({@code auto=1}), or a lead that appeared meanwhile. */
    private sealed interface Found {
        record Existing(Lead lead) implements Found {
        }

        record Created(PostbackResult result) implements Found {
        }

        record Raced() implements Found {
        }
    }

    private Found findOrCreate(Handling h, PreparedPostback pb, LeadLookup lookup) throws Rejection {
        Optional<Lead> found = h.store.find(lookup);
        if (found.isPresent()) {
            return new Found.Existing(found.get());
        }
        if (!pb.params().auto) {
            throw new Rejection(ErrorCode.LEAD, "no lead of this offer matches the postback; send auto=1 to create it");
        }
        Status target = pb.status() == null ? Status.NEW : pb.status();
        pb.trace().add("auto", "no lead matches: auto=1 creates it in ", target.wireName());
        LeadCreator.Key key = creator.key(pb, read(h, creator.policyLookup(pb)));
        if (key instanceof LeadCreator.DuplicateOf duplicate) {
            return new Found.Existing(duplicate.lead());
        }
        Cap turnedAwayBy = null;
        while (true) {
            LeadCreator.NewLead lead = creator.newLead(pb, target, ((LeadCreator.Keyed) key).dedupeKey(), turnedAwayBy);
            h.attempted = new PostbackResult.Applied(Outcome.CREATED, lead.lead());
            Insertion insertion = h.store.insert(lead.lead(), lead.effects());
            h.attempted = null;
            if (insertion instanceof Insertion.Inserted inserted) {
                pb.trace().add("result", "created lead ", inserted.lead().id(), " in ", inserted.lead().status().wireName());
                return new Found.Created(new PostbackResult.Applied(Outcome.CREATED, inserted.lead()));
            }
            if (insertion instanceof Insertion.AlreadyExists) {
                return new Found.Raced(); // nothing was written: the lead appeared meanwhile, and is changed instead
            }
            turnedAwayBy = overCap(pb, (CapFull) insertion, turnedAwayBy);
        }
    }

    /** The change of a found lead; empty when a concurrent change came first (nothing was written). */
    private Optional<PostbackResult> update(Handling h, PreparedPostback pb, Lead lead, int attempt) throws Rejection {
        PostbackMdc.lead(lead.id());
        pb.trace().add("lead", "found lead ", lead.id(), " (", lead.status().wireName(), ", goal '", lead.state().goal(), "')");
        ReplayGuard.refuseIfChangedSince(pb, lead);
        return write(h, pb, lead, attempt, turnedAwayBy -> updater.change(pb, lead, turnedAwayBy));
    }

    /** A change of a lead, as the updater makes it, given the cap that turned it away (or null). */
    @FunctionalInterface
    private interface ChangeMaker {
        LeadUpdater.Change make(Cap turnedAwayBy) throws Rejection;
    }

    /**
     * Writes a change of a found lead; when a cap has no room for it, the change its {@code over}
     * makes instead. Empty when a concurrent change came first (nothing was written).
     */
    private Optional<PostbackResult> write(Handling h, PreparedPostback pb, Lead lead, int attempt, ChangeMaker maker)
            throws Rejection {
        Cap turnedAwayBy = null;
        while (true) {
            LeadUpdater.Change change = maker.make(turnedAwayBy);
            if (!change.writes()) {
                h.attempted = new PostbackResult.Applied(change.outcome(), lead);
                h.store.journal(change.effects().journal());
                return Optional.of(h.attempted);
            }
            h.attempted = new PostbackResult.Applied(Outcome.UPDATED, change.lead().nextVersion(), false,
                    Optional.ofNullable(change.added()));
            Update update = h.store.update(change.lead(), change.effects());
            if (update.applied()) {
                pb.trace().add("result", "updated lead ", lead.id(), " to ", change.lead().status().wireName());
                return Optional.of(h.attempted);
            }
            h.attempted = null;
            if (update instanceof CapFull full) {
                turnedAwayBy = overCap(pb, full, turnedAwayBy);
                continue;
            }
            pb.trace().add("retry", "lead ", lead.id(), " changed concurrently (attempt ", attempt, ")");
            return Optional.empty();
        }
    }

    /** What a rule asked to read, if it asked. */
    private static Optional<Lead> read(Handling h, Optional<LeadLookup> lookup) {
        return lookup.isPresent() ? h.store.find(lookup.get()) : Optional.empty();
    }

    private static LeadLookup lookup(PreparedPostback pb) throws Rejection {
        ValidatedParams p = pb.params();
        long offerId = pb.offer().id();
        if (pb.received().mode().correction().isPresent()) {
            pb.trace().add("lookup", "by the id the operator named");
            return new LeadLookup.ById(offerId, pb.received().mode().correction().get().leadId());
        }
        if (p.exto != null) {
            pb.trace().add("lookup", p.click != null ? "by (click, exto)" : "by (flow, exto)");
            return new LeadLookup.ByKey(offerId,
                    p.click != null ? DedupeKeys.clickExto(p.click, p.exto) : DedupeKeys.flowExto(pb.flow().id(), p.exto));
        }
        if (p.click != null) {
            pb.trace().add("lookup", "the newest lead of the click");
            return new LeadLookup.NewestOfClick(offerId, p.click);
        }
        throw new Rejection(ErrorCode.LEAD, "a flow without 'exto' cannot address a lead");
    }
}

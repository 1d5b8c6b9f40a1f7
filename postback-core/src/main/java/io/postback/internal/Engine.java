package io.postback.internal;

import io.postback.DuplicatePolicy;
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
import io.postback.spi.Insertion;
import io.postback.spi.LeadLookup;
import io.postback.spi.LeadStore;
import io.postback.spi.OfferCatalog;
import io.postback.spi.SeenSignatures;
import io.postback.spi.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one postback through the rules of SPEC §1–§8 against a store. Stateless and thread-safe. */
public final class Engine {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final PostbackPreparer preparer;
    private final LeadCreator creator;
    private final LeadUpdater updater;
    private final Clock clock;
    private final int maxAttempts;

    public Engine(OfferCatalog catalog, ClickResolver clicks, CurrencyConverter converter, DuplicatePolicy duplicates,
                  TransitionPolicy transitions, Clock clock, Optional<String> globalToken, boolean recordEvents,
                  int maxAttempts, SeenSignatures seenSignatures, Duration signatureWindow) {
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
    }

    public PostbackResult handle(PostbackRequest request, LeadStore store, Trace trace, Mode mode) {
        Postback pb = new Postback(request.action(), request.rawParams(), clock.instant(), request.remoteAddress(),
                mode, trace);
        try {
            preparer.prepare(pb);
            boolean creates = pb.action == Action.CREATE || pb.status == Status.NEW;
            if (pb.action == Action.STATUS && pb.status == Status.NEW) {
                trace.add("action", "status 'new' on STATUS: handled as a CREATE");
            }
            return creates ? create(pb, store, pb.status == null ? Status.NEW : pb.status) : changeStatus(pb, store);
        } catch (Rejection r) {
            if (r.code().isTransient()) {
                preparer.forgetSignature(pb);
            }
            if (trace.enabled()) {
                trace.add("rejected", r.code().wireName() + ": " + r.getMessage());
            }
            journalQuietly(store, pb, 0, Outcome.REJECTED, r.code(), r.getMessage());
            return new PostbackResult.Rejected(r.code(), r.getMessage());
        } catch (StoreException e) {
            LOG.warn("{} postback failed in the store: {}", pb.action.wireName(), e.toString());
            preparer.forgetSignature(pb);
            if (trace.enabled()) {
                trace.add("rejected", "store: " + e.getMessage());
            }
            journalQuietly(store, pb, 0, Outcome.REJECTED, ErrorCode.STORE, "storage failure");
            return new PostbackResult.Rejected(ErrorCode.STORE, "storage is unavailable, send the postback again later");
        }
    }

    private PostbackResult create(Postback pb, LeadStore store, Status status) {
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
        store.journal(JournalEntries.entry(pb.now, pb.action, pb.raw, pb.scope, existing.id(), Outcome.DUPLICATE, null,
                LeadCreator.DUPLICATE_MESSAGE, pb.remoteAddress, pb.replayOf));
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
                    continue; // the lead appeared meanwhile: change it instead
                }
            }
            Lead lead = found.get();
            if (pb.trace.enabled()) {
                pb.trace.add("lead", "found lead " + lead.id() + " (" + lead.status().wireName() + ", goal '"
                        + lead.state().goal() + "')");
            }
            LeadUpdater.Change change = updater.change(pb, lead);
            if (!change.writes()) {
                store.journal(change.effects().journal());
                return new PostbackResult.Applied(change.outcome(), lead);
            }
            if (store.update(change.lead(), change.effects())) {
                if (pb.trace.enabled()) {
                    pb.trace.add("result", "updated lead " + lead.id() + " to " + change.lead().status().wireName());
                }
                return new PostbackResult.Applied(Outcome.UPDATED, change.lead().nextVersion());
            }
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

    private static void journalQuietly(LeadStore store, Postback pb, long leadId, Outcome outcome, ErrorCode code,
                                       String message) {
        try {
            JournalEntry entry = JournalEntries.entry(pb.now, pb.action, pb.raw, pb.scope, leadId, outcome, code, message,
                    pb.remoteAddress, pb.replayOf);
            store.journal(entry);
        } catch (StoreException e) {
            LOG.warn("could not journal a rejected {} postback: {}", pb.action.wireName(), e.toString());
        }
    }
}

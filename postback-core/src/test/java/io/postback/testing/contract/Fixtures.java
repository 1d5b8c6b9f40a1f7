package io.postback.testing.contract;

import io.postback.model.Action;
import io.postback.model.AmountSource;
import io.postback.model.Booking;
import io.postback.model.BookingReason;
import io.postback.model.EventType;
import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.model.LeadEvent;
import io.postback.model.LeadState;
import io.postback.model.Money;
import io.postback.model.Outcome;
import io.postback.model.Party;
import io.postback.model.Status;
import io.postback.spi.Effects;
import io.postback.spi.Insertion;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/** Leads, states, journal entries and effects as the processor hands them to a store. */
public final class Fixtures {

    /** The lead an insertion names: the one inserted, or the holder of its key; fails for a full cap. */
    public static Lead leadOf(Insertion insertion) {
        if (insertion instanceof Insertion.Inserted inserted) {
            return inserted.lead();
        }
        if (insertion instanceof Insertion.AlreadyExists existing) {
            return existing.lead();
        }
        throw new AssertionError("the insertion names no lead: " + insertion);
    }

    /** Microsecond precision, which every store keeps exactly. */
    public static final Instant AT = Instant.parse("2026-03-04T05:06:07.123456Z");
    /** Nanoseconds, as {@code Clock.instant()} may give: a store may keep microseconds only. */
    public static final Instant AT_NANOS = Instant.parse("2026-03-04T05:06:07.123456789Z");
    public static final Instant LATER = Instant.parse("2026-03-04T06:00:00.000001Z");
    private static final AtomicLong POSTBACK_IDS = new AtomicLong();

    private Fixtures() {
    }

    public static String key(String click, String exto) {
        return "x:" + click + '\u001F' + exto;
    }

    /** Declared fields (rules §11) with quotes, SQL and 4-byte characters: every store must keep them as they are. */
    public static final java.util.Map<String, String> FIELDS = java.util.Map.of("adv1", "a\"b'; DROP TABLE pb_lead;--",
            "sub1", "\u00fcn\u00ef\uD83D\uDE00 = x, y");

    public static LeadState state(Status status, String goal, String payout, String commission) {
        return new LeadState(status, goal, Money.of(payout, "EUR"), AmountSource.GOAL, Money.of(commission, "EUR"),
                AmountSource.GOAL, Optional.empty(), Optional.empty(), Optional.empty(), AT, FIELDS);
    }

    /** A new lead (id 0) of the offer with click and exto, keyed by them unless {@code keyed} is false. */
    public static Lead lead(long offerId, String click, String exto, boolean keyed) {
        return new Lead(0, 0, offerId, OptionalLong.of(12), Optional.of(click), Optional.ofNullable(exto), OptionalLong.of(1234),
                OptionalLong.of(77), keyed ? Optional.of(key(click, exto)) : Optional.empty(), AT,
                state(Status.NEW, "reg", "10", "4"));
    }

    /** A new postback id each time: a store keeps one journal entry per postback id. */
    public static String postbackId() {
        return "test-" + POSTBACK_IDS.incrementAndGet();
    }

    public static JournalEntry journal(long offerId, Outcome outcome, long leadId) {
        return new JournalEntry(0, postbackId(), AT, Action.CREATE, Map.of("token", List.of("12-***"), "click", List.of("c")),
                OptionalLong.of(offerId), OptionalLong.of(12), leadId == 0 ? OptionalLong.empty() : OptionalLong.of(leadId),
                outcome, outcome == Outcome.REJECTED ? Optional.of(io.postback.model.ErrorCode.GOAL) : Optional.empty(),
                outcome.wireName(), Optional.of("203.0.113.7"), OptionalLong.empty());
    }

    public static JournalEntry replay(JournalEntry entry, long replayOf) {
        return new JournalEntry(entry.id(), postbackId(), entry.receivedAt(), entry.action(), entry.params(), entry.offerId(), entry.siteId(),
                entry.leadId(), entry.outcome(), entry.error(), entry.message(), entry.remoteAddress(), OptionalLong.of(replayOf));
    }

    /** What the processor gives with a created lead: the journal entry, no bookings, a CREATED event. */
    public static Effects created(Lead lead) {
        return new Effects(journal(lead.offerId(), Outcome.CREATED, 0), List.of(),
                List.of(event(EventType.CREATED, 0, lead.offerId(), lead.state(), Optional.empty())));
    }

    /** What the processor gives with an approval: the journal entry, two bookings and their events. */
    public static Effects approved(Lead lead, LeadState after) {
        List<Booking> bookings = List.of(new Booking(Party.ADVERTISER, after.payout(), BookingReason.APPROVE),
                new Booking(Party.WEBMASTER, after.commission(), BookingReason.APPROVE));
        return new Effects(journal(lead.offerId(), Outcome.UPDATED, lead.id()), bookings, List.of(
                event(EventType.STATUS_CHANGED, lead.id(), lead.offerId(), after, Optional.empty()),
                event(EventType.MONEY_BOOKED, lead.id(), lead.offerId(), after, Optional.of(bookings.get(0))),
                event(EventType.MONEY_BOOKED, lead.id(), lead.offerId(), after, Optional.of(bookings.get(1)))));
    }

    public static Effects updated(Lead lead) {
        return new Effects(journal(lead.offerId(), Outcome.UPDATED, lead.id()), List.of(), List.of());
    }

    public static LeadEvent event(EventType type, long leadId, long offerId, LeadState state, Optional<Booking> booking) {
        return new LeadEvent(type, leadId, offerId, state.status(), state.goal(), booking, AT, state.fields());
    }

    public static LeadState approvedState(LeadState before) {
        return new LeadState(Status.APPROVE, before.goal(), before.payout(), before.payoutSource(), before.commission(),
                before.commissionSource(), before.conversion(), before.advertiserTime(), before.comment(), LATER, before.fields());
    }

    public static LeadState withComment(LeadState s, String comment) {
        return new LeadState(s.status(), s.goal(), s.payout(), s.payoutSource(), s.commission(), s.commissionSource(),
                s.conversion(), s.advertiserTime(), Optional.of(comment), s.updatedAt(), s.fields());
    }
}

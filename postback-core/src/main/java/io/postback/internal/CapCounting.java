package io.postback.internal;

import io.postback.model.Cap;
import io.postback.model.CapSlot;
import io.postback.model.LeadState;
import io.postback.model.Offer;
import io.postback.model.Status;
import io.postback.spi.CapTake;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Rules §14, caps: the slots a lead change takes and gives back. A cap counting {@code create}
 * takes a slot when a lead it matches is created; one counting {@code approve} while a lead it
 * matches is approved or waits out a hold period (rules §13), and gets its slot back when the lead
 * leaves that within the same period. The store takes the slots in the change's unit of work, only
 * where there is room (rules §14: "the counter is the store's").
 */
final class CapCounting {

    /** What a change does to caps, and the approve slots the lead holds after it. */
    record Plan(List<CapTake> takes, List<CapSlot> frees, List<CapSlot> slots) {
    }

    /** The plan of a lead that holds no slot, of an offer without caps: the common case, at no cost. */
    private static final Plan NONE = new Plan(List.of(), List.of(), List.of());

    private CapCounting() {
    }

    /**
     * @param before     the lead before the change, null for a new lead
     * @param turnedAway the lead is stored in the status a full cap gave it: it takes no slot
     */
    static Plan plan(Offer offer, LeadState before, LeadState after, OptionalLong flow, OptionalLong webmaster, Instant now,
                     boolean turnedAway, Trace trace) {
        List<CapSlot> held = before == null ? List.of() : before.capSlots();
        if (offer.caps().isEmpty() && held.isEmpty()) {
            return NONE;
        }
        List<CapTake> takes = new ArrayList<>();
        List<CapSlot> kept = new ArrayList<>();
        boolean countsApprove = !turnedAway && (after.status() == Status.APPROVE || after.held().isPresent());
        for (Cap cap : offer.caps()) {
            if (!cap.matches(after.goal(), flow, webmaster)) {
                trace.add("cap", cap.describe(), ": does not count this lead");
                continue;
            }
            String key = cap.key(offer.id());
            if (cap.counts() == Cap.Counts.CREATE) {
                if (before == null && !turnedAway) {
                    takes.add(new CapTake(new CapSlot(key, cap.period(now)), cap.max()));
                    trace.add("cap", cap.describe(), ": takes a slot of ", cap.period(now));
                }
                continue;
            }
            CapSlot holding = held.stream().filter(s -> s.cap().equals(key)).findFirst().orElse(null);
            if (!countsApprove) {
                continue;
            }
            if (holding != null) {
                kept.add(holding);
            } else {
                CapSlot slot = new CapSlot(key, cap.period(now));
                takes.add(new CapTake(slot, cap.max()));
                kept.add(slot);
                trace.add("cap", cap.describe(), ": takes a slot of ", slot.period());
            }
        }
        List<CapSlot> frees = new ArrayList<>();
        for (CapSlot slot : held) {
            if (kept.contains(slot)) {
                continue;
            }
            boolean samePeriod = offer.capByKey(slot.cap()).map(c -> c.period(now).equals(slot.period())).orElse(false);
            if (samePeriod) {
                frees.add(slot);
            }
            trace.add("cap", "the lead gives back its slot of ", slot.period(), samePeriod ? "" : " (a past period: nothing to free)",
                    " in ", slot.cap());
        }
        return new Plan(takes, frees, kept);
    }
}

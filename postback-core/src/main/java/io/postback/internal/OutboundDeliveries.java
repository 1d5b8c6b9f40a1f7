package io.postback.internal;

import io.postback.model.Lead;
import io.postback.model.LeadState;
import io.postback.model.OutboundPostback;
import io.postback.model.OutboundPostback.Trigger;
import io.postback.spi.Delivery;
import io.postback.spi.OfferCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rules §15: the outbound postbacks a lead change enqueues, one delivery per matching postback and
 * event, written by the store in the change's unit of work. The macro values are taken now; the
 * advertiser payout is never one of them.
 */
final class OutboundDeliveries {

    private final OfferCatalog catalog;

    OutboundDeliveries(OfferCatalog catalog) {
        this.catalog = catalog;
    }

    /** @param before null for a new lead */
    List<Delivery> of(Lead lead, LeadState before, LeadState after, Instant now) {
        List<OutboundPostback> postbacks = catalog.outboundPostbacks(lead.offerId());
        if (postbacks.isEmpty()) {
            return List.of();
        }
        List<Trigger> triggers = triggers(before, after);
        List<Delivery> deliveries = new ArrayList<>(0);
        for (OutboundPostback postback : postbacks) {
            if (!postback.isFor(lead, after.goal())) {
                continue;
            }
            for (Trigger trigger : triggers) {
                if (postback.on().contains(trigger)) {
                    String eventId = PostbackIds.next(now.toEpochMilli());
                    deliveries.add(new Delivery(0, eventId, postback.id(), lead.id(), trigger, postback.method(),
                            postback.url().text(), values(lead, after, eventId, now), now));
                }
            }
        }
        return deliveries;
    }

    /** The events of the change: created, entered a status, changed goal, changed commission. */
    static List<Trigger> triggers(LeadState before, LeadState after) {
        List<Trigger> triggers = new ArrayList<>(2);
        if (before == null) {
            triggers.add(Trigger.CREATE);
        }
        if (before == null || before.status() != after.status()) {
            Trigger.entering(after.status()).ifPresent(triggers::add);
        }
        if (before != null && !before.goal().equals(after.goal())) {
            triggers.add(Trigger.GOAL);
        }
        if (before != null && !before.commission().equals(after.commission())) {
            triggers.add(Trigger.MONEY);
        }
        return triggers;
    }

    private static Map<String, String> values(Lead lead, LeadState state, String eventId, Instant now) {
        Map<String, String> values = new HashMap<>();
        lead.click().ifPresent(c -> values.put("click", c));
        lead.exto().ifPresent(e -> values.put("exto", e));
        lead.flowId().ifPresent(f -> values.put("flow", Long.toString(f)));
        lead.webmasterId().ifPresent(w -> values.put("webmaster", Long.toString(w)));
        values.put("offer", Long.toString(lead.offerId()));
        values.put("goal", state.goal());
        values.put("status", state.status().wireName());
        values.put("commission", state.commission().toPlainString());
        values.put("currency", state.commission().currency().getCurrencyCode());
        values.put("time", Long.toString(now.getEpochSecond()));
        values.put("event", eventId);
        state.fields().forEach((name, value) -> values.put("field." + name, value));
        return values;
    }
}

package io.postback.jdbc.internal;

import io.postback.model.Offer;
import io.postback.model.OutboundPostback;
import io.postback.model.UrlTemplate;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The catalog's outbound postbacks (rules §15) in {@code pb_outbound_postback}: filters NULL for
 * any, the {@code on} events comma-separated, the URL as written, checked again when it is read
 * (an unknown macro fails the catalog's reading, naming the postback). Rows are written one by
 * one, never batched: a driver's batch error may quote bound values, and the signing secret must
 * never reach a log.
 */
final class OutboundPostbackTable {

    static final String INSERT = "INSERT INTO pb_outbound_postback (id, offer_id, goal, webmaster_id, flow_id, triggers, method, "
            + "url, signing_secret) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SELECT = "SELECT id, offer_id, goal, webmaster_id, flow_id, triggers, method, url, signing_secret "
            + "FROM pb_outbound_postback";

    private OutboundPostbackTable() {
    }

    static void bind(Binder b, OutboundPostback postback) throws SQLException {
        b.number(postback.id()).number(postback.offer()).string(postback.goal()).number(postback.webmaster())
                .number(postback.flow()).string(triggers(postback.on())).string(postback.method().name())
                .string(postback.url().text()).string(postback.signingSecret());
    }

    /** Every postback; a {@code {field.NAME}} macro needs its offer to declare NAME (rules §11). */
    static List<OutboundPostback> read(Session session, List<Offer> offers) throws SQLException {
        Map<Long, Offer> byId = new HashMap<>();
        offers.forEach(offer -> byId.put(offer.id(), offer));
        return session.query(SELECT, Parameters.NONE, row -> {
            long id = row.number(1);
            String owner = "postback " + id;
            OptionalLong offerId = row.optionalNumber(2);
            Offer offer = offerId.isPresent() ? byId.get(offerId.getAsLong()) : null;
            return new OutboundPostback(id, offerId, row.optionalString(3), row.optionalNumber(4), row.optionalNumber(5),
                    triggers(row.string(6), owner), method(row.string(7), owner),
                    UrlTemplate.parse(row.string(8), offer == null ? List.of() : offer.fields(), owner), row.optionalString(9));
        });
    }

    private static String triggers(Set<OutboundPostback.Trigger> on) {
        return EnumSet.copyOf(on).stream().map(OutboundPostback.Trigger::wireName).collect(Collectors.joining(","));
    }

    private static Set<OutboundPostback.Trigger> triggers(String column, String owner) {
        Set<OutboundPostback.Trigger> on = EnumSet.noneOf(OutboundPostback.Trigger.class);
        for (String word : column.split(",")) {
            on.add(trigger(word.strip(), owner));
        }
        return on;
    }

    private static OutboundPostback.Trigger trigger(String word, String owner) {
        for (OutboundPostback.Trigger t : OutboundPostback.Trigger.values()) {
            if (t.wireName().equals(word)) {
                return t;
            }
        }
        throw new IllegalArgumentException(owner + ": unknown event '" + word + "' in pb_outbound_postback.triggers; the events "
                + "are create, wait, hold, approve, cancel, trash, goal, money");
    }

    private static OutboundPostback.Method method(String column, String owner) {
        try {
            return OutboundPostback.Method.valueOf(column);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(owner + ": method must be GET or POST in pb_outbound_postback, not '" + column + "'");
        }
    }
}

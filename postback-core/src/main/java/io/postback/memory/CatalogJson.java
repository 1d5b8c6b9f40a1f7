package io.postback.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postback.model.Flow;
import io.postback.model.Goal;
import io.postback.model.Offer;
import io.postback.model.OutboundPostback;
import io.postback.model.Repeat;
import io.postback.model.Site;
import io.postback.model.Status;
import io.postback.model.UrlTemplate;
import io.postback.model.WebmasterRate;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the catalog document (format in docs/catalog.md) into an {@link InMemoryOfferCatalog}. */
final class CatalogJson {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogJson.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final String NO_SITES = "the catalog has no sites: every postback without a global token will be answered 'token' (docs/catalog.md)";

    private CatalogJson() {
    }

    // The keys each object may have (docs/catalog.md): any other is refused, so that a misspelt
    // key fails the load instead of leaving its part of the catalog silently out.
    private static final List<String> ROOT_KEYS = List.of("offers", "sites", "flows", "rates", "postbacks");
    private static final List<String> POSTBACK_KEYS = List.of("id", "offer", "goal", "webmaster", "flow", "on", "method", "url",
            "signing_secret");
    private static final List<String> OFFER_KEYS = List.of("id", "name", "currency", "goals", "default_goal", "fields", "caps",
            "rules");
    private static final List<String> GOAL_KEYS = List.of("id", "aliases", "payout", "commission", "repeat", "hold_period");
    private static final List<String> COMMISSION_KEYS = List.of("fixed", "revshare");
    private static final List<String> SITE_KEYS = List.of("id", "offer", "key", "status_aliases", "allowed_sources",
            "signing_secret", "rules");
    private static final List<String> FLOW_KEYS = List.of("id", "code", "offer", "webmaster");
    private static final List<String> RATE_KEYS = List.of("offer", "goal", "flow", "webmaster", "commission");

    static InMemoryOfferCatalog read(InputStream in) throws IOException {
        JsonNode root = MAPPER.readTree(in);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("catalog: the document must be a JSON object");
        }
        onlyKnownKeys(root, "", ROOT_KEYS);
        InMemoryOfferCatalog.Builder b = InMemoryOfferCatalog.builder();
        Map<Long, Offer> offers = new HashMap<>();
        int i = 0;
        for (JsonNode offer : array(root, "offers", "catalog")) {
            Offer read = offer(offer, "offers[" + i++ + "]");
            offers.put(read.id(), read);
            b.offer(read);
        }
        i = 0;
        for (JsonNode postback : array(root, "postbacks", "catalog")) {
            onlyKnownKeys(postback, "postbacks[" + i++ + "]", POSTBACK_KEYS);
            b.outboundPostback(outboundPostback(postback, offers));
        }
        i = 0;
        for (JsonNode site : array(root, "sites", "catalog")) {
            onlyKnownKeys(site, "sites[" + i++ + "]", SITE_KEYS);
            b.site(site(site));
        }
        i = 0;
        for (JsonNode flow : array(root, "flows", "catalog")) {
            onlyKnownKeys(flow, "flows[" + i++ + "]", FLOW_KEYS);
            String at = "flow " + flow.path("id");
            b.flow(new Flow(number(flow, "id", at), text(flow, "code", at), number(flow, "offer", at),
                    number(flow, "webmaster", at)));
        }
        i = 0;
        for (JsonNode rate : array(root, "rates", "catalog")) {
            String path = "rates[" + i++ + "]";
            onlyKnownKeys(rate, path, RATE_KEYS);
            String at = "rate for offer " + rate.path("offer") + " goal " + rate.path("goal");
            long offerId = number(rate, "offer", at);
            String goal = text(rate, "goal", at);
            WebmasterRate commission = commission(rate.path("commission"), at, path + ".commission");
            if (rate.has("flow")) {
                b.flowRate(offerId, goal, number(rate, "flow", at), commission);
            } else {
                b.webmasterRate(offerId, goal, number(rate, "webmaster", at), commission);
            }
        }
        InMemoryOfferCatalog catalog = b.build();
        if (catalog.hasNoSites()) {
            LOG.warn(NO_SITES);
        }
        return catalog;
    }

    /** Refuses an element that is not an object, or an object with a key not in {@code known}, naming its path. */
    static void onlyKnownKeys(JsonNode node, String path, List<String> known) {
        String where = path.isEmpty() ? "the top level" : path;
        if (!node.isObject()) {
            throw new IllegalArgumentException("catalog: " + where + " must be a JSON object");
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("catalog: unknown key '" + key + "' at " + where
                        + "; the keys there are " + String.join(", ", known) + " (docs/catalog.md)");
            }
        });
    }

    private static Offer offer(JsonNode node, String path) {
        onlyKnownKeys(node, path, OFFER_KEYS);
        String at = "offer " + node.path("id");
        List<Goal> goals = new ArrayList<>();
        int i = 0;
        for (JsonNode goal : array(node, "goals", at)) {
            String goalPath = path + ".goals[" + i++ + "]";
            onlyKnownKeys(goal, goalPath, GOAL_KEYS);
            String goalAt = at + " goal " + goal.path("id");
            Set<String> aliases = new HashSet<>();
            for (JsonNode alias : array(goal, "aliases", goalAt)) {
                aliases.add(alias.asText());
            }
            goals.add(new Goal(text(goal, "id", goalAt), aliases, decimal(goal, "payout", goalAt),
                    commission(goal.path("commission"), goalAt, goalPath + ".commission"), repeat(goal, goalAt),
                    holdPeriod(goal, goalAt)));
        }
        String defaultGoal = node.has("default_goal") ? text(node, "default_goal", at)
                : goals.isEmpty() ? "" : goals.get(0).id();
        List<String> fields = new ArrayList<>();
        for (JsonNode field : array(node, "fields", at)) {
            if (!field.isTextual()) {
                throw new IllegalArgumentException(at + ": 'fields' must be an array of names");
            }
            fields.add(field.asText());
        }
        return new Offer(number(node, "id", at), node.path("name").asText("offer " + node.path("id")),
                currency(text(node, "currency", at), at), goals, defaultGoal, fields,
                NetworkRulesJson.caps(node.path("caps"), at, "caps"), NetworkRulesJson.rules(node.path("rules"), at, "rules"));
    }

    private static Site site(JsonNode node) {
        String at = "site " + node.path("id");
        Map<String, Status> aliases = new HashMap<>();
        node.path("status_aliases").fields().forEachRemaining(e -> {
            try {
                aliases.put(e.getKey(), Status.fromWireName(e.getValue().asText()));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(at + ": status alias '" + e.getKey() + "' names unknown status '"
                        + e.getValue().asText() + "'");
            }
        });
        List<String> sources = new ArrayList<>();
        for (JsonNode source : array(node, "allowed_sources", at)) {
            sources.add(source.asText());
        }
        Optional<String> secret = node.has("signing_secret") ? Optional.of(text(node, "signing_secret", at)) : Optional.empty();
        return new Site(number(node, "id", at), number(node, "offer", at), text(node, "key", at), aliases, secret, sources,
                NetworkRulesJson.rules(node.path("rules"), at, "rules"));
    }

    /** An outbound postback (rules §15); its {@code {field.NAME}} macros need an offer that declares NAME. */
    private static OutboundPostback outboundPostback(JsonNode node, Map<Long, Offer> offers) {
        String at = "postback " + node.path("id");
        long id = number(node, "id", at);
        OptionalLong offerId = node.has("offer") ? OptionalLong.of(number(node, "offer", at)) : OptionalLong.empty();
        Offer offer = offerId.isPresent() ? offers.get(offerId.getAsLong()) : null;
        if (offerId.isPresent() && offer == null) {
            throw new IllegalArgumentException(at + ": 'offer' " + offerId.getAsLong() + " is not an offer of the catalog");
        }
        Optional<String> goal = node.has("goal") ? Optional.of(text(node, "goal", at)) : Optional.empty();
        if (goal.isPresent() && offer != null && offer.goal(goal.get()).isEmpty()) {
            throw new IllegalArgumentException(at + ": 'goal' " + goal.get() + " is not a goal of offer " + offer.id());
        }
        Set<OutboundPostback.Trigger> on = new HashSet<>();
        for (JsonNode event : array(node, "on", at)) {
            on.add(trigger(event.asText(), at));
        }
        String method = node.has("method") ? text(node, "method", at) : "GET";
        if (!method.equals("GET") && !method.equals("POST")) {
            throw new IllegalArgumentException(at + ": 'method' must be GET or POST, not '" + method + "'");
        }
        List<String> fields = offer == null ? List.of() : offer.fields();
        return new OutboundPostback(id, offerId, goal,
                node.has("webmaster") ? OptionalLong.of(number(node, "webmaster", at)) : OptionalLong.empty(),
                node.has("flow") ? OptionalLong.of(number(node, "flow", at)) : OptionalLong.empty(), on,
                OutboundPostback.Method.valueOf(method), UrlTemplate.parse(text(node, "url", at), fields, at),
                node.has("signing_secret") ? Optional.of(text(node, "signing_secret", at)) : Optional.empty());
    }

    private static OutboundPostback.Trigger trigger(String word, String at) {
        for (OutboundPostback.Trigger t : OutboundPostback.Trigger.values()) {
            if (t.wireName().equals(word)) {
                return t;
            }
        }
        throw new IllegalArgumentException(at + ": 'on' names unknown event '" + word + "'; the events are create, wait, hold, "
                + "approve, cancel, trash, goal, money");
    }

    private static Optional<Repeat> repeat(JsonNode goal, String at) {
        if (!goal.has("repeat")) {
            return Optional.empty();
        }
        String word = text(goal, "repeat", at);
        return Optional.of(Repeat.of(word).orElseThrow(() -> new IllegalArgumentException(at + ": 'repeat' must be new, ignore "
                + "or add, not '" + word + "'")));
    }

    private static Optional<Duration> holdPeriod(JsonNode goal, String at) {
        if (!goal.has("hold_period")) {
            return Optional.empty();
        }
        String text = text(goal, "hold_period", at);
        return Optional.of(parseHoldPeriod(text, at));
    }

    /** An ISO-8601 duration of days, hours, minutes or seconds ({@code P14D}, {@code PT36H}), at least a second. */
    static Duration parseHoldPeriod(String text, String at) {
        Duration period;
        try {
            period = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(at + ": 'hold_period' must be an ISO-8601 duration of days, hours, minutes or "
                    + "seconds such as P14D or PT36H, not '" + text + "'");
        }
        if (period.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(at + ": 'hold_period' must be at least 1 second, not '" + text + "'");
        }
        return period;
    }

    private static WebmasterRate commission(JsonNode node, String at, String path) {
        if (node.isObject()) {
            onlyKnownKeys(node, path, COMMISSION_KEYS);
        }
        if (node.has("fixed")) {
            return new WebmasterRate.Fixed(decimal(node, "fixed", at));
        }
        if (node.has("revshare")) {
            return new WebmasterRate.RevShare(decimal(node, "revshare", at));
        }
        throw new IllegalArgumentException(at + ": 'commission' needs 'fixed' (an amount) or 'revshare' (a percentage)");
    }

    static Iterable<JsonNode> array(JsonNode node, String field, String at) {
        JsonNode array = node.path(field);
        if (array.isMissingNode() || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException(at + ": '" + field + "' must be an array");
        }
        return array;
    }

    static long number(JsonNode node, String field, String at) {
        JsonNode value = node.path(field);
        if (!value.canConvertToLong() || !(value.isIntegralNumber() || value.isTextual() && value.asText().matches("\\d{1,18}"))) {
            throw new IllegalArgumentException(at + ": '" + field + "' must be an integer");
        }
        return value.asLong();
    }

    static String text(JsonNode node, String field, String at) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException(at + ": '" + field + "' must be a non-empty string");
        }
        return value.asText();
    }

    static BigDecimal decimal(JsonNode node, String field, String at) {
        JsonNode value = node.path(field);
        try {
            return new BigDecimal(value.asText(""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(at + ": '" + field + "' must be a decimal number, as a string or a number");
        }
    }

    private static Currency currency(String code, String at) {
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + ": unknown currency '" + code + "'");
        }
    }
}

package io.postback.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postback.model.Flow;
import io.postback.model.Goal;
import io.postback.model.Offer;
import io.postback.model.Site;
import io.postback.model.Status;
import io.postback.model.WebmasterRate;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the catalog document (format in docs/catalog.md) into an {@link InMemoryOfferCatalog}. */
final class CatalogJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CatalogJson() {
    }

    static InMemoryOfferCatalog read(InputStream in) throws IOException {
        JsonNode root = MAPPER.readTree(in);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("catalog: the document must be a JSON object");
        }
        InMemoryOfferCatalog.Builder b = InMemoryOfferCatalog.builder();
        for (JsonNode offer : array(root, "offers", "catalog")) {
            b.offer(offer(offer));
        }
        for (JsonNode site : array(root, "sites", "catalog")) {
            b.site(site(site));
        }
        for (JsonNode flow : array(root, "flows", "catalog")) {
            String at = "flow " + flow.path("id");
            b.flow(new Flow(number(flow, "id", at), text(flow, "code", at), number(flow, "offer", at),
                    number(flow, "webmaster", at)));
        }
        for (JsonNode rate : array(root, "rates", "catalog")) {
            String at = "rate for offer " + rate.path("offer") + " goal " + rate.path("goal");
            long offerId = number(rate, "offer", at);
            String goal = text(rate, "goal", at);
            WebmasterRate commission = commission(rate.path("commission"), at);
            if (rate.has("flow")) {
                b.flowRate(offerId, goal, number(rate, "flow", at), commission);
            } else {
                b.webmasterRate(offerId, goal, number(rate, "webmaster", at), commission);
            }
        }
        return b.build();
    }

    private static Offer offer(JsonNode node) {
        String at = "offer " + node.path("id");
        List<Goal> goals = new ArrayList<>();
        for (JsonNode goal : array(node, "goals", at)) {
            String goalAt = at + " goal " + goal.path("id");
            Set<String> aliases = new HashSet<>();
            for (JsonNode alias : array(goal, "aliases", goalAt)) {
                aliases.add(alias.asText());
            }
            goals.add(new Goal(text(goal, "id", goalAt), aliases, decimal(goal, "payout", goalAt),
                    commission(goal.path("commission"), goalAt)));
        }
        String defaultGoal = node.has("default_goal") ? text(node, "default_goal", at)
                : goals.isEmpty() ? "" : goals.get(0).id();
        return new Offer(number(node, "id", at), node.path("name").asText("offer " + node.path("id")),
                currency(text(node, "currency", at), at), goals, defaultGoal);
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
        return new Site(number(node, "id", at), number(node, "offer", at), text(node, "key", at), aliases, secret, sources);
    }

    private static WebmasterRate commission(JsonNode node, String at) {
        if (node.has("fixed")) {
            return new WebmasterRate.Fixed(decimal(node, "fixed", at));
        }
        if (node.has("revshare")) {
            return new WebmasterRate.RevShare(decimal(node, "revshare", at));
        }
        throw new IllegalArgumentException(at + ": 'commission' needs 'fixed' (an amount) or 'revshare' (a percentage)");
    }

    private static Iterable<JsonNode> array(JsonNode node, String field, String at) {
        JsonNode array = node.path(field);
        if (array.isMissingNode() || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException(at + ": '" + field + "' must be an array");
        }
        return array;
    }

    private static long number(JsonNode node, String field, String at) {
        JsonNode value = node.path(field);
        if (!value.canConvertToLong() || !(value.isIntegralNumber() || value.isTextual() && value.asText().matches("\\d{1,18}"))) {
            throw new IllegalArgumentException(at + ": '" + field + "' must be an integer");
        }
        return value.asLong();
    }

    private static String text(JsonNode node, String field, String at) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException(at + ": '" + field + "' must be a non-empty string");
        }
        return value.asText();
    }

    private static BigDecimal decimal(JsonNode node, String field, String at) {
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

package io.postback.memory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postback.model.Cap;
import io.postback.model.Rule;
import io.postback.model.Status;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * The catalog's {@code caps} and {@code rules} (rules §14, docs/catalog.md) to and from JSON: the
 * catalog document holds them as JSON, and the JDBC catalog keeps each offer's and site's as JSON
 * text. A malformed cap or rule fails with a message naming it and the faulty key.
 */
public final class NetworkRulesJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> CAP_KEYS = List.of("name", "goal", "flow", "webmaster", "per", "zone", "max", "counts",
            "over");
    private static final List<String> RULE_KEYS = List.of("name", "when", "then");
    private static final int MAX_RULES = 64;
    private static final int MAX_CAPS = 64;

    private NetworkRulesJson() {
    }

    /** The caps of a JSON array; {@code owner} names what holds them in messages ("offer 7"). */
    public static List<Cap> caps(String json, String owner) {
        return caps(parse(json, owner + " caps"), owner, "caps");
    }

    /** The rules of a JSON array; {@code owner} names what holds them in messages ("site 3"). */
    public static List<Rule> rules(String json, String owner) {
        return rules(parse(json, owner + " rules"), owner, "rules");
    }

    public static String capsJson(List<Cap> caps) {
        ArrayNode array = MAPPER.createArrayNode();
        for (Cap cap : caps) {
            ObjectNode node = array.addObject().put("name", cap.name());
            cap.goal().ifPresent(g -> node.put("goal", g));
            cap.flow().ifPresent(f -> node.put("flow", f));
            cap.webmaster().ifPresent(w -> node.put("webmaster", w));
            node.put("per", cap.per().wireName()).put("zone", cap.zone().getId()).put("max", cap.max())
                    .put("counts", cap.counts().wireName()).put("over", cap.over().wireName());
        }
        return array.toString();
    }

    public static String rulesJson(List<Rule> rules) {
        ArrayNode array = MAPPER.createArrayNode();
        for (Rule rule : rules) {
            ObjectNode node = array.addObject().put("name", rule.name());
            ObjectNode when = node.putObject("when");
            for (Rule.Condition c : rule.when()) {
                write(when, c);
            }
            node.put("then", rule.then().wireName());
        }
        return array.toString();
    }

    static List<Cap> caps(JsonNode array, String owner, String path) {
        List<Cap> caps = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int i = 0;
        for (JsonNode node : elements(array, owner, path)) {
            String at = path + "[" + i + "]";
            CatalogJson.onlyKnownKeys(node, owner + " " + at, CAP_KEYS);
            String name = node.has("name") ? CatalogJson.text(node, "name", owner + " " + at) : at;
            String where = owner + " cap '" + name + "'";
            caps.add(new Cap(name, optionalText(node, "goal", where), optionalNumber(node, "flow", where),
                    optionalNumber(node, "webmaster", where), word(node, "per", Cap.Per.class, null, where), zone(node, where),
                    nonNegative(node, "max", where), word(node, "counts", Cap.Counts.class, null, where),
                    word(node, "over", Cap.Over.class, Cap.Over.REJECT, where)));
            if (!names.add(name)) {
                throw new IllegalArgumentException(owner + ": two caps are named '" + name + "'");
            }
            i++;
        }
        if (caps.size() > MAX_CAPS) {
            throw new IllegalArgumentException(owner + ": at most " + MAX_CAPS + " caps, not " + caps.size());
        }
        return caps;
    }

    static List<Rule> rules(JsonNode array, String owner, String path) {
        List<Rule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int i = 0;
        for (JsonNode node : elements(array, owner, path)) {
            String at = owner + " " + path + "[" + i++ + "]";
            CatalogJson.onlyKnownKeys(node, at, RULE_KEYS);
            String name = CatalogJson.text(node, "name", at);
            String where = owner + " rule '" + name + "'";
            JsonNode when = node.path("when");
            if (!when.isMissingNode() && !when.isObject()) {
                throw new IllegalArgumentException(where + ": 'when' must be an object of conditions");
            }
            List<Rule.Condition> conditions = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> it = when.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                conditions.addAll(condition(e.getKey(), e.getValue(), where));
            }
            rules.add(new Rule(name, conditions, word(node, "then", Rule.Then.class, null, where)));
            if (!names.add(name)) {
                throw new IllegalArgumentException(owner + ": two rules are named '" + name + "'");
            }
        }
        if (rules.size() > MAX_RULES) {
            throw new IllegalArgumentException(owner + ": at most " + MAX_RULES + " rules, not " + rules.size());
        }
        return rules;
    }

    private static List<Rule.Condition> condition(String key, JsonNode value, String where) {
        String at = where + ": condition '" + key + "'";
        switch (key) {
            case "goal":
                return List.of(new Rule.GoalIn(texts(value, at)));
            case "status": {
                Set<Status> statuses = new HashSet<>();
                for (String s : texts(value, at)) {
                    try {
                        statuses.add(Status.fromWireName(s));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(at + ": unknown status '" + s + "'");
                    }
                }
                return List.of(new Rule.StatusIn(statuses));
            }
            case "pay":
            case "wm":
                return comparisons(key.equals("pay") ? Rule.Amount.PAY : Rule.Amount.WM, value, at);
            case "flow":
                return List.of(new Rule.FlowIn(numbers(value, at)));
            case "webmaster":
                return List.of(new Rule.WebmasterIn(numbers(value, at)));
            case "missing":
                return List.of(new Rule.Missing(texts(value, at)));
            default:
                if (key.startsWith("field.")) {
                    return List.of(fieldCondition(key.substring("field.".length()), value, at));
                }
                throw new IllegalArgumentException(at + ": unknown condition; the conditions are goal, status, pay, wm, "
                        + "flow, webmaster, field.NAME and missing");
        }
    }

    private static List<Rule.Condition> comparisons(Rule.Amount amount, JsonNode value, String at) {
        if (!value.isObject() || value.isEmpty()) {
            throw new IllegalArgumentException(at + ": must be an object such as {\"gt\": \"500\"} (gt, ge, lt, le, eq)");
        }
        List<Rule.Condition> conditions = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = value.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            Rule.Comparison comparison;
            try {
                comparison = Rule.Comparison.valueOf(e.getKey().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(at + ": unknown comparison '" + e.getKey() + "' (gt, ge, lt, le, eq)");
            }
            if (!(e.getValue().isTextual() || e.getValue().isNumber())) {
                throw new IllegalArgumentException(at + ": '" + e.getKey() + "' must be a decimal number");
            }
            conditions.add(new Rule.AmountIs(amount, comparison, CatalogJson.decimal(value, e.getKey(), at)));
        }
        return conditions;
    }

    private static Rule.Condition fieldCondition(String field, JsonNode value, String at) {
        if (!value.isObject() || value.size() != 1) {
            throw new IllegalArgumentException(at + ": must be an object with one of eq, in, prefix");
        }
        if (value.has("eq")) {
            return new Rule.FieldIn(field, Set.of(CatalogJson.text(value, "eq", at)));
        }
        if (value.has("in")) {
            return new Rule.FieldIn(field, texts(value.get("in"), at + " 'in'"));
        }
        if (value.has("prefix")) {
            return new Rule.FieldPrefix(field, CatalogJson.text(value, "prefix", at));
        }
        throw new IllegalArgumentException(at + ": must be an object with one of eq, in, prefix");
    }

    private static void write(ObjectNode when, Rule.Condition c) {
        if (c instanceof Rule.GoalIn g) {
            texts(when.putArray("goal"), g.goals());
        } else if (c instanceof Rule.StatusIn s) {
            ArrayNode array = when.putArray("status");
            s.statuses().stream().map(Status::wireName).sorted().forEach(array::add);
        } else if (c instanceof Rule.AmountIs a) {
            JsonNode existing = when.get(a.amount().wireName());
            ObjectNode node = existing instanceof ObjectNode o ? o : when.putObject(a.amount().wireName());
            node.put(a.comparison().wireName(), a.value().toPlainString());
        } else if (c instanceof Rule.FlowIn f) {
            ArrayNode array = when.putArray("flow");
            new TreeSet<>(f.flows()).forEach(array::add);
        } else if (c instanceof Rule.WebmasterIn w) {
            ArrayNode array = when.putArray("webmaster");
            new TreeSet<>(w.webmasters()).forEach(array::add);
        } else if (c instanceof Rule.FieldIn f) {
            texts(when.putObject("field." + f.field()).putArray("in"), f.values());
        } else if (c instanceof Rule.FieldPrefix f) {
            when.putObject("field." + f.field()).put("prefix", f.prefix());
        } else if (c instanceof Rule.Missing m) {
            texts(when.putArray("missing"), m.params());
        }
    }

    private static void texts(ArrayNode array, Set<String> values) {
        new TreeSet<>(values).forEach(array::add);
    }

    /** A string, or a non-empty array of strings. */
    private static Set<String> texts(JsonNode value, String at) {
        Set<String> texts = new HashSet<>();
        for (JsonNode v : value.isArray() ? value : List.of(value)) {
            if (!v.isTextual() || v.asText().isEmpty()) {
                throw new IllegalArgumentException(at + ": must be a non-empty string or an array of them");
            }
            texts.add(v.asText());
        }
        if (texts.isEmpty()) {
            throw new IllegalArgumentException(at + ": must not be an empty array");
        }
        return texts;
    }

    /** An integer, or a non-empty array of integers. */
    private static Set<Long> numbers(JsonNode value, String at) {
        Set<Long> numbers = new HashSet<>();
        for (JsonNode v : value.isArray() ? value : List.of(value)) {
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw new IllegalArgumentException(at + ": must be an integer or an array of them");
            }
            numbers.add(v.asLong());
        }
        if (numbers.isEmpty()) {
            throw new IllegalArgumentException(at + ": must not be an empty array");
        }
        return numbers;
    }

    private static Optional<String> optionalText(JsonNode node, String key, String where) {
        return node.has(key) ? Optional.of(CatalogJson.text(node, key, where)) : Optional.empty();
    }

    private static OptionalLong optionalNumber(JsonNode node, String key, String where) {
        return node.has(key) ? OptionalLong.of(CatalogJson.number(node, key, where)) : OptionalLong.empty();
    }

    private static long nonNegative(JsonNode node, String key, String where) {
        long value = CatalogJson.number(node, key, where);
        if (value < 0) {
            throw new IllegalArgumentException(where + ": '" + key + "' must not be negative");
        }
        return value;
    }

    private static ZoneId zone(JsonNode node, String where) {
        if (!node.has("zone")) {
            return ZoneOffset.UTC;
        }
        String id = CatalogJson.text(node, "zone", where);
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(where + ": 'zone' names no time zone: '" + id + "'");
        }
    }

    /** One of an enum's wire names; {@code fallback} when absent, required when it is null. */
    private static <E extends Enum<E>> E word(JsonNode node, String key, Class<E> type, E fallback, String where) {
        E[] values = type.getEnumConstants();
        List<String> words = new ArrayList<>();
        for (E e : values) {
            words.add(e.name().toLowerCase(Locale.ROOT));
        }
        if (!node.has(key) && fallback != null) {
            return fallback;
        }
        JsonNode value = node.path(key);
        int index = words.indexOf(value.isTextual() ? value.asText() : "");
        if (index < 0) {
            throw new IllegalArgumentException(where + ": '" + key + "' must be one of " + String.join(", ", words));
        }
        return values[index];
    }

    /** The elements of an array that may be absent (no elements). */
    private static Iterable<JsonNode> elements(JsonNode array, String owner, String path) {
        if (array == null || array.isMissingNode() || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException(owner + ": '" + path + "' must be an array");
        }
        return array;
    }

    private static JsonNode parse(String json, String what) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + ": not JSON: " + e.getOriginalMessage());
        }
    }
}

package io.postback.examples.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Which column of a report holds what, by the names in its header (docs/rules.md §16.5):
 * {@code exto} and {@code status} are required, {@code click}, {@code goal}, {@code amount} and
 * {@code currency} optional; other columns are ignored, as reports carry many. Names are compared
 * trimmed and ignoring case.
 */
record ReportColumns(String exto, String click, String status, String goal, String amount, String currency) {

    static final ReportColumns DEFAULT = new ReportColumns("exto", "click", "status", "goal", "amount", "currency");

    ReportColumns {
        Objects.requireNonNull(exto, "exto");
        Objects.requireNonNull(click, "click");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
    }

    /** Where each named column is in a header. */
    record Positions(int exto, OptionalInt click, int status, OptionalInt goal, OptionalInt amount, OptionalInt currency) {
    }

    /** @throws IllegalArgumentException naming the required columns the header lacks, and what it has */
    Positions locate(List<String> header) {
        Map<String, Integer> index = new TreeMap<>();
        for (int i = 0; i < header.size(); i++) {
            index.putIfAbsent(normal(header.get(i)), i);
        }
        List<String> missing = new ArrayList<>();
        for (String required : List.of(exto, status)) {
            if (!index.containsKey(normal(required))) {
                missing.add("'" + required + "'");
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the header has no column " + String.join(" or ", missing) + " (it has "
                    + String.join(", ", header) + "); name the columns with --exto-column and --status-column");
        }
        return new Positions(index.get(normal(exto)), optional(index, click), index.get(normal(status)), optional(index, goal),
                optional(index, amount), optional(index, currency));
    }

    private static OptionalInt optional(Map<String, Integer> index, String name) {
        Integer at = index.get(normal(name));
        return at == null ? OptionalInt.empty() : OptionalInt.of(at);
    }

    private static String normal(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}

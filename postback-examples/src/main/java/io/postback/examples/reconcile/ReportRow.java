package io.postback.examples.reconcile;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * One row of an advertiser's report: the lead it names ({@code exto}, and {@code click} when the
 * report has it) and what the advertiser says of it.
 */
record ReportRow(long line, Optional<String> click, String exto, String status, Optional<String> goal,
                 Optional<BigDecimal> amount, Optional<String> currency) {

    /** As long as the store keeps them (docs/databases.md). */
    static final int MAX_KEY = 128;
    /** The amounts of rules §6.1: digits with at most one decimal separator, no sign, no exponent. */
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,13}([.,]\\d{1,8})?");
    private static final Pattern CURRENCY = Pattern.compile("[A-Za-z]{3}");

    /**
     * The row of a record.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static ReportRow of(long line, List<String> fields, ReportColumns.Positions at, int columns) {
        if (fields.size() != columns) {
            throw new IllegalArgumentException(fields.size() + " values for the " + columns + " columns of the header");
        }
        String exto = fields.get(at.exto());
        if (exto.isEmpty()) {
            throw new IllegalArgumentException("no exto");
        }
        key("exto", exto);
        Optional<String> click = value(fields, at.click());
        click.ifPresent(c -> key("click", c));
        String status = fields.get(at.status());
        if (status.isEmpty()) {
            throw new IllegalArgumentException("no status");
        }
        Optional<BigDecimal> amount = value(fields, at.amount()).map(text -> {
            if (!AMOUNT.matcher(text).matches()) {
                throw new IllegalArgumentException("amount '" + shown(text) + "' is not an amount: digits with at most one "
                        + "'.' or ',' and 8 decimals, no sign (rules §6.1)");
            }
            return new BigDecimal(text.replace(',', '.'));
        });
        Optional<String> currency = value(fields, at.currency()).map(text -> {
            if (!CURRENCY.matcher(text).matches()) {
                throw new IllegalArgumentException("currency '" + shown(text) + "' is not an ISO 4217 code");
            }
            return text.toUpperCase(Locale.ROOT);
        });
        return new ReportRow(line, click, exto, status, value(fields, at.goal()), amount, currency);
    }

    /** How the row names its lead in the report's output. */
    String describe() {
        return click.map(c -> "click=" + c + " ").orElse("") + "exto=" + exto;
    }

    private static void key(String what, String value) {
        if (value.length() > MAX_KEY) {
            throw new IllegalArgumentException(what + " is longer than " + MAX_KEY + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " holds a control character");
        }
    }

    private static Optional<String> value(List<String> fields, OptionalInt at) {
        return at.isPresent() && !fields.get(at.getAsInt()).isEmpty() ? Optional.of(fields.get(at.getAsInt())) : Optional.empty();
    }

    private static String shown(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}

package io.postback.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A postback control of an offer or a site (rules §14): when all its conditions hold, it decides
 * instead of the resolved status. Rules are tried in order; the first that matches decides.
 *
 * @param name how messages, the journal and the trace name the rule
 * @param when the conditions, all of which must hold; none: the rule always matches
 */
public record Rule(String name, List<Condition> when, Then then) {

    /** What a matching rule does. */
    public enum Then {
        /** Refused with error {@code rule}, the message naming the rule. */
        REJECT(null),
        HOLD(Status.HOLD),
        TRASH(Status.TRASH),
        CANCEL(Status.CANCEL);

        private final Status status;

        Then(Status status) {
            this.status = status;
        }

        /** The status the lead gets instead of the resolved one; empty for {@link #REJECT}. */
        public Optional<Status> status() {
            return Optional.ofNullable(status);
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Rule {
        Objects.requireNonNull(name, "name");
        when = List.copyOf(Objects.requireNonNull(when, "when"));
        Objects.requireNonNull(then, "then");
        if (name.isBlank() || name.length() > 64) {
            throw new IllegalArgumentException("a rule name has 1 to 64 characters: '" + name + "'");
        }
    }

    /** The first condition that does not hold for the postback; empty when the rule matches. */
    public Optional<Condition> firstFailing(Subject subject) {
        for (Condition c : when) {
            if (!c.test(subject)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * What a rule looks at: the postback as the lead would be after it.
     *
     * @param status the resolved status (rules §4), or the lead's when the postback sends none
     * @param pay    the reported {@code pay} in the offer's currency, if sent
     * @param wm     the reported {@code wm} in the offer's currency, if sent
     * @param fields the lead's fields with those the postback carries (rules §11)
     * @param sent   the names of the parameters the postback carries
     */
    public record Subject(String goal, Status status, Optional<BigDecimal> pay, Optional<BigDecimal> wm, OptionalLong flow,
                          OptionalLong webmaster, Map<String, String> fields, Set<String> sent) {
    }

    /** One condition of {@code when}; {@link #toString()} is how the trace shows it. */
    public sealed interface Condition {
        boolean test(Subject s);
    }

    public record GoalIn(Set<String> goals) implements Condition {
        public GoalIn {
            goals = Set.copyOf(goals);
        }

        public boolean test(Subject s) {
            return goals.contains(s.goal());
        }

        @Override
        public String toString() {
            return "goal in " + new java.util.TreeSet<>(goals);
        }
    }

    public record StatusIn(Set<Status> statuses) implements Condition {
        public StatusIn {
            statuses = Set.copyOf(statuses);
        }

        public boolean test(Subject s) {
            return statuses.contains(s.status());
        }

        @Override
        public String toString() {
            return "status in " + statuses.stream().map(Status::wireName).sorted().toList();
        }
    }

    /** The parameters a comparison of amounts reads. */
    public enum Amount {
        PAY, WM;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How an amount is compared. */
    public enum Comparison {
        GT(">"), GE(">="), LT("<"), LE("<="), EQ("=");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        boolean holds(int compared) {
            return switch (this) {
                case GT -> compared > 0;
                case GE -> compared >= 0;
                case LT -> compared < 0;
                case LE -> compared <= 0;
                case EQ -> compared == 0;
            };
        }
    }

    /** {@code pay} or {@code wm} compared with a value; false when the postback does not send the amount. */
    public record AmountIs(Amount amount, Comparison comparison, BigDecimal value) implements Condition {
        public AmountIs {
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(comparison, "comparison");
            Objects.requireNonNull(value, "value");
        }

        public boolean test(Subject s) {
            Optional<BigDecimal> sent = amount == Amount.PAY ? s.pay() : s.wm();
            return sent.isPresent() && comparison.holds(sent.get().compareTo(value));
        }

        @Override
        public String toString() {
            return amount.wireName() + " " + comparison.symbol + " " + value.toPlainString();
        }
    }

    public record FlowIn(Set<Long> flows) implements Condition {
        public FlowIn {
            flows = Set.copyOf(flows);
        }

        public boolean test(Subject s) {
            return s.flow().isPresent() && flows.contains(s.flow().getAsLong());
        }

        @Override
        public String toString() {
            return "flow in " + new java.util.TreeSet<>(flows);
        }
    }

    public record WebmasterIn(Set<Long> webmasters) implements Condition {
        public WebmasterIn {
            webmasters = Set.copyOf(webmasters);
        }

        public boolean test(Subject s) {
            return s.webmaster().isPresent() && webmasters.contains(s.webmaster().getAsLong());
        }

        @Override
        public String toString() {
            return "webmaster in " + new java.util.TreeSet<>(webmasters);
        }
    }

    /** A field's value is one of {@code values} ({@code eq} is a list of one). */
    public record FieldIn(String field, Set<String> values) implements Condition {
        public FieldIn {
            Objects.requireNonNull(field, "field");
            values = Set.copyOf(values);
        }

        public boolean test(Subject s) {
            String value = s.fields().get(field);
            return value != null && values.contains(value);
        }

        @Override
        public String toString() {
            return "field." + field + " in " + new java.util.TreeSet<>(values);
        }
    }

    public record FieldPrefix(String field, String prefix) implements Condition {
        public FieldPrefix {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(prefix, "prefix");
        }

        public boolean test(Subject s) {
            String value = s.fields().get(field);
            return value != null && value.startsWith(prefix);
        }

        @Override
        public String toString() {
            return "field." + field + " starts with '" + prefix + "'";
        }
    }

    /** None of these parameters is sent. */
    public record Missing(Set<String> params) implements Condition {
        public Missing {
            params = Set.copyOf(params);
        }

        public boolean test(Subject s) {
            for (String p : params) {
                if (s.sent().contains(p)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return "missing " + new java.util.TreeSet<>(params);
        }
    }
}

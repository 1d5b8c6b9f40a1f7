package io.postback.model;

import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the advertiser sells: its goals, one of them the default, all money in one currency.
 *
 * @param fields the extra parameters its leads keep (rules §11)
 * @param caps   its caps (rules §14)
 * @param rules  its postback controls (rules §14), tried in order after those of the postback's site
 */
public record Offer(long id, String name, Currency currency, List<Goal> goals, String defaultGoal, List<String> fields,
                    List<Cap> caps, List<Rule> rules) {
    public Offer {
        caps = List.copyOf(Objects.requireNonNull(caps, "caps"));
        rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
        fields = LeadFields.declared(Objects.requireNonNull(fields, "fields"), "offer " + id);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(currency, "currency");
        goals = List.copyOf(Objects.requireNonNull(goals, "goals"));
        Objects.requireNonNull(defaultGoal, "defaultGoal");
        if (goals.isEmpty()) {
            throw new IllegalArgumentException("offer " + id + " needs at least one goal");
        }
        if (goals.stream().noneMatch(g -> g.id().equals(defaultGoal))) {
            throw new IllegalArgumentException("default goal " + defaultGoal + " is not a goal of offer " + id);
        }
        for (Cap cap : caps) {
            if (cap.goal().isPresent() && !hasGoal(goals, cap.goal().get())) {
                throw new IllegalArgumentException("offer " + id + " cap '" + cap.name() + "': 'goal' " + cap.goal().get()
                        + " is not a goal of the offer");
            }
        }
        for (Rule rule : rules) {
            checkRule(rule, "offer " + id, goals, fields);
        }
    }

    /** Fails, naming {@code owner} and the rule, when the rule names a goal or field the offer does not have. */
    public void checkRule(Rule rule, String owner) {
        checkRule(rule, owner, goals, fields);
    }

    private static void checkRule(Rule rule, String owner, List<Goal> goals, List<String> fields) {
        for (Rule.Condition c : rule.when()) {
            if (c instanceof Rule.GoalIn in) {
                for (String g : in.goals()) {
                    if (!hasGoal(goals, g)) {
                        throw new IllegalArgumentException(owner + " rule '" + rule.name() + "': 'goal' " + g
                                + " is not a goal of the offer");
                    }
                }
            }
            String field = c instanceof Rule.FieldIn f ? f.field() : c instanceof Rule.FieldPrefix p ? p.field() : null;
            if (field != null && !fields.contains(field)) {
                throw new IllegalArgumentException(owner + " rule '" + rule.name() + "': 'field." + field
                        + "' is not a declared field of the offer (rules §11)");
            }
        }
    }

    private static boolean hasGoal(List<Goal> goals, String goalId) {
        for (Goal g : goals) {
            if (g.id().equals(goalId)) {
                return true;
            }
        }
        return false;
    }

    /** An offer whose leads keep no extra fields. */
    public Offer(long id, String name, Currency currency, List<Goal> goals, String defaultGoal) {
        this(id, name, currency, goals, defaultGoal, List.of());
    }

    /** An offer without caps or rules. */
    public Offer(long id, String name, Currency currency, List<Goal> goals, String defaultGoal, List<String> fields) {
        this(id, name, currency, goals, defaultGoal, fields, List.of(), List.of());
    }

    public Offer withCaps(List<Cap> newCaps) {
        return new Offer(id, name, currency, goals, defaultGoal, fields, newCaps, rules);
    }

    public Offer withRules(List<Rule> newRules) {
        return new Offer(id, name, currency, goals, defaultGoal, fields, caps, newRules);
    }

    /** The cap whose counter has this key ({@link Cap#key}). */
    public Optional<Cap> capByKey(String key) {
        for (Cap c : caps) {
            if (c.key(id).equals(key)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    public Optional<Goal> goal(String goalId) {
        for (Goal g : goals) {
            if (g.id().equals(goalId)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    /**
     * The goal a postback's {@code goal} names (rules §5.1): trimmed, ignoring case, a main id of
     * any goal first, then an alias.
     */
    public Optional<Goal> goalNamed(String name) {
        String wanted = name.trim();
        for (Goal g : goals) {
            if (g.id().equalsIgnoreCase(wanted)) {
                return Optional.of(g);
            }
        }
        String lower = wanted.toLowerCase(java.util.Locale.ROOT);
        for (Goal g : goals) {
            for (String alias : g.aliases()) {
                if (alias.trim().toLowerCase(java.util.Locale.ROOT).equals(lower)) {
                    return Optional.of(g);
                }
            }
        }
        return Optional.empty();
    }

    public Goal defaultGoalRule() {
        return goal(defaultGoal).orElseThrow();
    }
}

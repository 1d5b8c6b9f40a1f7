package io.postback.model;

import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the advertiser sells: its goals, one of them the default, all money in one currency.
 *
 * @param fields the extra parameters its leads keep (rules §11)
 */
public record Offer(long id, String name, Currency currency, List<Goal> goals, String defaultGoal, List<String> fields) {
    public Offer {
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
    }

    /** An offer whose leads keep no extra fields. */
    public Offer(long id, String name, Currency currency, List<Goal> goals, String defaultGoal) {
        this(id, name, currency, goals, defaultGoal, List.of());
    }

    public Optional<Goal> goal(String goalId) {
        for (Goal g : goals) {
            if (g.id().equals(goalId)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    public Goal defaultGoalRule() {
        return goal(defaultGoal).orElseThrow();
    }
}

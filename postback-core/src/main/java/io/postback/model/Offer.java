package io.postback.model;

import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What the advertiser sells: its goals, one of them the default, all money in one currency. */
public record Offer(long id, String name, Currency currency, List<Goal> goals, String defaultGoal) {
    public Offer {
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

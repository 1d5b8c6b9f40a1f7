package io.postback.internal;

import io.postback.model.ErrorCode;
import io.postback.model.Goal;
import io.postback.model.Offer;
import java.util.Locale;

/** Rules §5: a goal is named by its main id or an alias, trimmed and case-insensitively. */
final class GoalResolver {

    private GoalResolver() {
    }

    record Resolved(Goal goal, String rule) {
    }

    static Resolved resolve(Offer offer, String name) throws Rejection {
        Goal goal = offer.goalNamed(name).orElseThrow(
                () -> new Rejection(ErrorCode.GOAL, "unknown goal '" + Messages.safeName(name) + "' for offer " + offer.id()));
        String wanted = name.trim();
        if (goal.id().equalsIgnoreCase(wanted)) {
            return new Resolved(goal, "main id '" + goal.id() + "'");
        }
        String lower = wanted.toLowerCase(Locale.ROOT);
        String alias = goal.aliases().stream().filter(a -> a.trim().toLowerCase(Locale.ROOT).equals(lower)).findFirst()
                .orElseThrow();
        return new Resolved(goal, "alias '" + alias + "' of goal '" + goal.id() + "'");
    }
}

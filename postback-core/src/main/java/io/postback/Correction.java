package io.postback;

import io.postback.model.Status;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * An operator's change of a lead (docs/rules.md §16): what to change, why, and who. It runs through
 * the same rules as a STATUS postback (goals, money, hold periods, caps, controls, the ledger, the
 * events) and is journaled as action {@code correct}, with the operator and the reason.
 *
 * @param goal   a goal's main id or alias
 * @param pay    the advertiser payout in the offer's currency
 * @param wm     the webmaster commission in the offer's currency
 * @param force  passes the transition policy (rules §7), and a hold period (rules §13); journaled as forced
 */
public record Correction(Optional<Status> status, Optional<String> goal, Optional<BigDecimal> pay, Optional<BigDecimal> wm,
                         String reason, String operator, boolean force) {

    public Correction {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(pay, "pay");
        Objects.requireNonNull(wm, "wm");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(operator, "operator");
        if (reason.isBlank() || operator.isBlank()) {
            throw new IllegalArgumentException("a correction needs a reason and an operator");
        }
    }

    /** A change of status only. */
    public static Correction status(Status status, String reason, String operator) {
        return new Correction(Optional.of(status), Optional.empty(), Optional.empty(), Optional.empty(), reason, operator, false);
    }

    /** The same correction, passing the transition policy and hold periods. */
    public Correction forced() {
        return new Correction(status, goal, pay, wm, reason, operator, true);
    }
}

package io.postback.examples.reconcile;

import io.postback.PostbackRequest;
import io.postback.model.Lead;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a report's row says against the offer's lead (docs/rules.md §16.5): nothing, differences
 * the site's postback would mend, or why such a postback cannot mend them.
 *
 * @param lead       the lead the row names, when the offer has it
 * @param details    one phrase per difference, or the reason of a refusal
 * @param postback   the STATUS of the site that mends the differences, when there are any and it would apply
 * @param refusal    why the differences cannot be sent as a postback (a stale status, an unknown goal, ...)
 */
record Finding(ReportRow row, Optional<Lead> lead, Set<Difference> differences, List<String> details,
               Optional<PostbackRequest> postback, Optional<String> refusal) {

    /** What differs. */
    enum Difference {
        /** The report has a lead the offer lacks. */
        MISSING,
        STATUS,
        GOAL,
        /** The advertiser payout. */
        AMOUNT,
        /** The postback would change something else, such as where the payout comes from (rules §6). */
        OTHER;

        String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    Finding {
        Objects.requireNonNull(row, "row");
        Objects.requireNonNull(lead, "lead");
        differences = differences.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(differences));
        details = List.copyOf(details);
        Objects.requireNonNull(postback, "postback");
        Objects.requireNonNull(refusal, "refusal");
    }

    static Finding match(ReportRow row, Lead lead) {
        return new Finding(row, Optional.of(lead), Set.of(), List.of(), Optional.empty(), Optional.empty());
    }

    static Finding refused(ReportRow row, Optional<Lead> lead, Set<Difference> differences, String reason) {
        return new Finding(row, lead, differences, List.of(), Optional.empty(), Optional.of(reason));
    }

    boolean matches() {
        return differences.isEmpty() && refusal.isEmpty();
    }

    /** The differences in a fixed order. */
    List<Difference> ordered() {
        return differences.isEmpty() ? List.of() : List.copyOf(EnumSet.copyOf(differences));
    }
}

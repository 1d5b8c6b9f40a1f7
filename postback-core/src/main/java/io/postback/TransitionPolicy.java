package io.postback;

import io.postback.model.Status;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** Which status changes a postback may make (rules §7); a refused change is answered {@code stale}. */
@FunctionalInterface
public interface TransitionPolicy {

    /** Any change, except that a decided lead never falls back to an undecided status. */
    TransitionPolicy DEFAULT = (from, to) -> !(from.isDecided() && !to.isDecided());

    boolean allows(Status from, Status to);

    /** A host's own table: {@code allowed.get(from)} lists the statuses a lead may move to. */
    static TransitionPolicy table(Map<Status, Set<Status>> allowed) {
        Map<Status, Set<Status>> copy = new EnumMap<>(Status.class);
        allowed.forEach((from, to) -> copy.put(from, to.isEmpty() ? EnumSet.noneOf(Status.class) : EnumSet.copyOf(to)));
        return (from, to) -> copy.getOrDefault(from, Set.of()).contains(to);
    }
}

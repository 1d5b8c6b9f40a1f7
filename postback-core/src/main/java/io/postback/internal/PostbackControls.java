package io.postback.internal;

import io.postback.model.ErrorCode;
import io.postback.model.Rule;
import io.postback.model.Status;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Rules §14, postback controls: the site's rules, then the offer's, tried in order; the first whose
 * conditions all hold decides. Every rule tried is traced, with the condition that failed it.
 */
final class PostbackControls {

    private PostbackControls() {
    }

    /**
     * The rule that decides, if any.
     *
     * @param status the resolved status of the postback, or the lead's when it sends none
     * @throws Rejection {@code rule} when the deciding rule rejects
     */
    static Optional<Rule> decide(PreparedPostback pb, String goal, Status status, OptionalLong flow, OptionalLong webmaster,
                                 Map<String, String> fields) throws Rejection {
        List<Rule> siteRules = pb.site() == null ? List.of() : pb.site().rules();
        List<Rule> offerRules = pb.offer().rules();
        if (siteRules.isEmpty() && offerRules.isEmpty()) {
            return Optional.empty();
        }
        Rule.Subject subject = new Rule.Subject(goal, status,
                Optional.ofNullable(pb.reported().pay()).map(m -> m.amount()),
                Optional.ofNullable(pb.reported().wm()).map(m -> m.amount()), flow, webmaster, fields, sent(pb.received().params()));
        Optional<Rule> decided = firstMatch(siteRules, "site", subject, pb.trace());
        if (decided.isEmpty()) {
            decided = firstMatch(offerRules, "offer", subject, pb.trace());
        }
        if (decided.isPresent() && decided.get().then() == Rule.Then.REJECT) {
            throw new Rejection(ErrorCode.RULE, "rule '" + decided.get().name() + "' refuses this postback");
        }
        return decided;
    }

    private static Optional<Rule> firstMatch(List<Rule> rules, String owner, Rule.Subject subject, Trace trace) {
        for (Rule rule : rules) {
            Optional<Rule.Condition> failing = rule.firstFailing(subject);
            if (failing.isEmpty()) {
                trace.add("rule", owner, " rule '", rule.name(), "' matches: ", rule.then().wireName());
                return Optional.of(rule);
            }
            trace.add("rule", owner, " rule '", rule.name(), "' does not match: not ", failing.get());
        }
        return Optional.empty();
    }

    /** The names of the parameters the postback carries with a value (an empty value is absent, rules §1). */
    private static Set<String> sent(ReceivedParams params) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < params.size(); i++) {
            if (!params.value(i).isEmpty()) {
                names.add(params.name(i));
            }
        }
        return names;
    }
}

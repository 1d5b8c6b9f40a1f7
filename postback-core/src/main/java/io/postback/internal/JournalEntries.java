package io.postback.internal;

import io.postback.model.Action;
import io.postback.model.ErrorCode;
import io.postback.model.JournalEntry;
import io.postback.model.Outcome;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Builds journal entries: parameters as received, with the token's key masked and signatures dropped. */
final class JournalEntries {

    private JournalEntries() {
    }

    static Map<String, List<String>> maskedParams(RawParams raw) {
        Map<String, List<String>> params = new LinkedHashMap<>(raw.asMultiMap());
        // Names are matched ignoring case: a sender's 'Token' is not the token, but it carries the key.
        params.keySet().removeIf(name -> name.equalsIgnoreCase("sig"));
        params.replaceAll((name, values) -> name.equalsIgnoreCase("token")
                ? values.stream().map(JournalEntries::maskToken).toList() : values);
        return params;
    }

    /** {@code 12-secret} becomes {@code 12-***}: the site stays visible, the key never is. */
    static String maskToken(String token) {
        int dash = token.indexOf('-');
        if (dash > 0 && dash <= 18 && token.chars().limit(dash).allMatch(c -> c >= '0' && c <= '9')) {
            return token.substring(0, dash) + "-***";
        }
        return "***";
    }

    static JournalEntry entry(Instant at, Action action, RawParams raw, Scope scope, long leadId, Outcome outcome,
                              ErrorCode error, String message, Optional<String> remoteAddress, OptionalLong replayOf) {
        return new JournalEntry(0, at, action, maskedParams(raw),
                scope.offerId == 0 ? OptionalLong.empty() : OptionalLong.of(scope.offerId),
                scope.siteId == 0 ? OptionalLong.empty() : OptionalLong.of(scope.siteId),
                leadId == 0 ? OptionalLong.empty() : OptionalLong.of(leadId),
                outcome, Optional.ofNullable(error), message, remoteAddress, replayOf);
    }

    /** What was learnt about the sender before the outcome, for the journal. */
    static final class Scope {
        long offerId;
        long siteId;
    }
}

package io.postback.internal;

import io.postback.model.Action;
import io.postback.model.ErrorCode;
import io.postback.model.JournalEntry;
import io.postback.model.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Builds journal entries: parameters as received, with the token's key masked and signatures dropped. */
final class JournalEntries {

    private JournalEntries() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, List<String>> maskedParams(RawParams raw) {
        int size = raw.size();
        Map.Entry<String, List<String>>[] entries = new Map.Entry[size];
        int count = 0;
        for (int i = 0; i < size; i++) {
            String name = raw.name(i);
            // Names are matched ignoring case: a sender's 'Token' is not the token, but it carries the key.
            if (name.equalsIgnoreCase("sig")) {
                continue;
            }
            String value = name.equalsIgnoreCase("token") ? maskToken(raw.value(i)) : raw.value(i);
            int previous = indexOf(entries, count, name);
            if (previous < 0) {
                entries[count++] = Map.entry(name, List.of(value));
            } else {
                List<String> values = new ArrayList<>(entries[previous].getValue());
                values.add(value);
                entries[previous] = Map.entry(name, List.copyOf(values));
            }
        }
        return Map.ofEntries(count == size ? entries : Arrays.copyOf(entries, count));
    }

    private static int indexOf(Map.Entry<String, List<String>>[] entries, int count, String name) {
        for (int i = 0; i < count; i++) {
            if (entries[i].getKey().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code 12-secret} becomes {@code 12-***}: the site stays visible, the key never is. */
    static String maskToken(String token) {
        int dash = token.indexOf('-');
        if (dash <= 0 || dash > 18) {
            return "***";
        }
        for (int i = 0; i < dash; i++) {
            char c = token.charAt(i);
            if (c < '0' || c > '9') {
                return "***";
            }
        }
        return token.substring(0, dash) + "-***";
    }

    static JournalEntry entry(String postbackId, Instant at, Action action, RawParams raw, Scope scope, long leadId,
                              Outcome outcome, ErrorCode error, String message, Optional<String> remoteAddress,
                              OptionalLong replayOf) {
        return new JournalEntry(0, postbackId, at, action, maskedParams(raw),
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

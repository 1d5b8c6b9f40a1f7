package io.postback.internal;

import io.postback.model.Action;
import io.postback.model.ErrorCode;
import io.postback.model.JournalEntry;
import io.postback.model.Outcome;
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

    /** The longest remote address kept: an IPv6 address with a zone fits. */
    static final int MAX_ADDRESS = 64;
    /**
     * Budgets of a postback that no site authenticated, so its whole row stays under 512 bytes: the
     * parameters' JSON, and the message in UTF-8 (the processor's own messages for these fit).
     */
    static final int UNAUTHENTICATED_PARAMS_BYTES = 240;
    static final int UNAUTHENTICATED_MESSAGE_BYTES = 160;
    static final int UNAUTHENTICATED_NAME = 32;
    static final int UNAUTHENTICATED_VALUE = 16;

    /**
     * The postback's journal entry. Every secret the catalog knows is masked in every parameter
     * name, value and the message. A postback that no site authenticated costs a small bounded row:
     * parameter names and the first characters of values only, so that senders without a token
     * cannot fill the journal (SECURITY.md, "What is logged and journaled").
     */
    static JournalEntry entry(Received received, JournalScope scope, long leadId, Outcome outcome, ErrorCode error,
                              String message) {
        boolean authenticated = scope.authenticated();
        SecretMasker masker = received.masker();
        return new JournalEntry(0, received.postbackId(), received.now(), received.action(),
                authenticated ? maskedParams(received.params(), masker) : compactParams(received.params(), masker),
                scope.offerId() == 0 ? OptionalLong.empty() : OptionalLong.of(scope.offerId()),
                scope.siteId() == 0 ? OptionalLong.empty() : OptionalLong.of(scope.siteId()),
                leadId == 0 ? OptionalLong.empty() : OptionalLong.of(leadId),
                outcome, Optional.ofNullable(error),
                authenticated ? masker.mask(message) : withinBytes(masker.mask(message), UNAUTHENTICATED_MESSAGE_BYTES),
                received.remoteAddress().map(address -> truncated(address, MAX_ADDRESS)), received.mode().replayOf());
    }

    /** The row that sums up the unauthenticated postbacks of one address left out of the journal. */
    static JournalEntry floodSummary(Received received, long suppressed, java.time.Instant since) {
        return new JournalEntry(0, received.postbackId() + "/flood", received.now(), received.action(), Map.of(),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), Outcome.REJECTED, Optional.of(ErrorCode.TOKEN),
                suppressed + " more postbacks from this address that no site authenticated were not journaled, since " + since,
                received.remoteAddress().map(address -> truncated(address, MAX_ADDRESS)), OptionalLong.empty());
    }

    @SuppressWarnings("unchecked")
    static Map<String, List<String>> maskedParams(ReceivedParams raw, SecretMasker masker) {
        int size = raw.size();
        Map.Entry<String, List<String>>[] entries = new Map.Entry[size];
        int count = 0;
        for (int i = 0; i < size; i++) {
            String name = raw.name(i);
            // Names are matched ignoring case: a sender's 'Token' is not the token, but it carries the key.
            if (name.equalsIgnoreCase("sig")) {
                continue;
            }
            String value = masker.mask(name.equalsIgnoreCase("token") ? maskToken(raw.value(i)) : raw.value(i));
            count = add(entries, count, masker.mask(name), value);
        }
        return Map.ofEntries(count == size ? entries : Arrays.copyOf(entries, count));
    }

    /** Names and the first characters of values, within {@link #UNAUTHENTICATED_PARAMS_BYTES} of JSON. */
    @SuppressWarnings("unchecked")
    static Map<String, List<String>> compactParams(ReceivedParams raw, SecretMasker masker) {
        Map.Entry<String, List<String>>[] entries = new Map.Entry[raw.size() + 1];
        int count = 0;
        int bytes = 2;
        int left = 0;
        for (int i = 0; i < raw.size(); i++) {
            String name = raw.name(i);
            if (name.equalsIgnoreCase("sig")) {
                continue;
            }
            String shortName = truncated(masker.mask(name), UNAUTHENTICATED_NAME);
            String value = masker.mask(name.equalsIgnoreCase("token") ? maskToken(raw.value(i)) : raw.value(i));
            String shortValue = truncated(value, UNAUTHENTICATED_VALUE);
            int cost = jsonBytes(shortName) + jsonBytes(shortValue) + 8;
            if (bytes + cost > UNAUTHENTICATED_PARAMS_BYTES - 24) {
                left++;
                continue;
            }
            bytes += cost;
            count = add(entries, count, shortName, shortValue);
        }
        if (left > 0) {
            count = add(entries, count, "\u2026", left + " more");
        }
        return Map.ofEntries(Arrays.copyOf(entries, count));
    }

    private static int add(Map.Entry<String, List<String>>[] entries, int count, String name, String value) {
        int previous = indexOf(entries, count, name);
        if (previous < 0) {
            entries[count] = Map.entry(name, List.of(value));
            return count + 1;
        }
        List<String> values = new ArrayList<>(entries[previous].getValue());
        values.add(value);
        entries[previous] = Map.entry(name, List.copyOf(values));
        return count;
    }

    /** At most {@code max} characters (a surrogate pair is never split), with an ellipsis when cut. */
    static String truncated(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + "\u2026";
    }

    /** The longest start of the text whose JSON fits in {@code bytes}, with an ellipsis when cut. */
    static String withinBytes(String text, int bytes) {
        if (jsonBytes(text) <= bytes) {
            return text;
        }
        int end = text.length();
        while (end > 0 && jsonBytes(text.substring(0, end)) > bytes - 3) {
            end = Character.isLowSurrogate(text.charAt(end - 1)) && end > 1 ? end - 2 : end - 1;
        }
        return text.substring(0, end) + "\u2026";
    }

    /** An upper bound of the UTF-8 bytes of a JSON string, quotes and escapes included. */
    static int jsonBytes(String text) {
        int bytes = 2;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                bytes += 6;
            } else if (c == '"' || c == '\\') {
                bytes += 2;
            } else if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800 || Character.isSurrogate(c)) {
                bytes += 2;
            } else {
                bytes += 3;
            }
        }
        return bytes;
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
}

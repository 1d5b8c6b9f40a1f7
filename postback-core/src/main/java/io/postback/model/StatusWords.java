package io.postback.model;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The normalisation and the dictionary of rules §4, shared by incoming words, override lists and site aliases. */
public final class StatusWords {

    /** The built-in dictionary (rules §4.4), by normalized word. */
    static final Map<String, Status> DICTIONARY = dictionary();

    private StatusWords() {
    }

    /**
     * What {@code word} means to a site when a postback sends no override lists: the site's alias,
     * else the dictionary's word (rules §4); empty for a word found in neither, which a postback
     * answers {@code status}.
     */
    public static Optional<Status> meaning(String word, Map<String, Status> siteAliases) {
        String normalized = normalize(word);
        if (normalized.isEmpty()) {
            return Optional.empty();
        }
        Status alias = siteAliases.get(normalized);
        return Optional.ofNullable(alias != null ? alias : DICTIONARY.get(normalized));
    }

    /** The dictionary's status of a normalized word, if it has one. */
    public static Optional<Status> inDictionary(String normalized) {
        return Optional.ofNullable(DICTIONARY.get(normalized));
    }

    /** Lower-cases (locale-independent) and drops every character that is not a letter or a digit. */
    public static String normalize(CharSequence word) {
        int length = word.length();
        StringBuilder out = null;
        for (int i = 0; i < length; i++) {
            char c = word.charAt(i);
            boolean keep = c < 128 ? (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') : false;
            if (!keep || out != null) {
                if (out == null) {
                    out = new StringBuilder(length);
                    out.append(word, 0, i);
                }
                appendNormalized(out, word, i);
                if (Character.isHighSurrogate(c) && i + 1 < length) {
                    i++;
                }
            }
        }
        return out == null ? word.toString() : out.toString();
    }

    private static Map<String, Status> dictionary() {
        Map<String, Status> words = new HashMap<>();
        put(words, Status.NEW, "new", "create", "created");
        put(words, Status.WAIT, "wait", "waiting", "pending", "processing", "process", "inprogress", "callback", "review");
        put(words, Status.HOLD, "hold", "onhold", "held", "delayed");
        put(words, Status.APPROVE, "approve", "approved", "accept", "accepted", "confirm", "confirmed", "success",
                "sale", "paid", "complete", "completed", "done", "valid", "ok");
        put(words, Status.CANCEL, "cancel", "cancelled", "canceled", "decline", "declined", "reject", "rejected",
                "refuse", "refused", "denied", "fail", "failed", "refund", "refunded", "chargeback");
        put(words, Status.TRASH, "trash", "invalid", "fraud", "spam", "bad", "wrong", "error", "fake", "test",
                "duplicate");
        return Map.copyOf(words);
    }

    private static void put(Map<String, Status> words, Status status, String... list) {
        for (String word : list) {
            words.put(word, status);
        }
    }

    private static void appendNormalized(StringBuilder out, CharSequence word, int i) {
        int cp = Character.codePointAt(word, i);
        if (Character.isLetterOrDigit(cp)) {
            out.append(Character.toChars(Character.toLowerCase(cp)));
        }
    }
}

package io.postback.model;

/** The normalisation of rules §4, shared by incoming words, override lists and site aliases. */
public final class StatusWords {

    private StatusWords() {
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

    private static void appendNormalized(StringBuilder out, CharSequence word, int i) {
        int cp = Character.codePointAt(word, i);
        if (Character.isLetterOrDigit(cp)) {
            out.append(Character.toChars(Character.toLowerCase(cp)));
        }
    }
}

package io.postback.internal;

/** Makes untrusted text safe to quote in a message or a log line: short and printable. */
public final class Messages {

    private static final int MAX_QUOTED = 64;

    private Messages() {
    }

    /** {@link #safeName} of a text, made only when it is shown: for trace steps, which a postback rarely records. */
    record Quoted(String text) {
        @Override
        public String toString() {
            return safeName(text);
        }
    }

    /** A parameter name or value as it may appear in a message: control characters escaped, long text cut. */
    public static String safeName(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_QUOTED) + 8);
        int limit = Math.min(text.length(), MAX_QUOTED);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (text.length() > MAX_QUOTED) {
            out.append("...");
        }
        return out.toString();
    }
}

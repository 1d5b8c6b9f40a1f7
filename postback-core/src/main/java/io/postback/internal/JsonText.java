package io.postback.internal;

/** A minimal JSON writer for the fixed answer shapes of rules §8 (no reflection on the hot path). */
public final class JsonText {

    private final StringBuilder out = new StringBuilder(160);
    private boolean first = true;

    public JsonText begin() {
        out.append('{');
        first = true;
        return this;
    }

    public JsonText field(String name, String value) {
        name(name);
        quote(value);
        return this;
    }

    public JsonText field(String name, long value) {
        name(name);
        out.append(value);
        return this;
    }

    public JsonText field(String name, boolean value) {
        name(name);
        out.append(value);
        return this;
    }

    /** The field only when {@code present}: optional answer fields are left out rather than sent as false. */
    public JsonText fieldIf(boolean present, String name, boolean value) {
        return present ? field(name, value) : this;
    }

    /** Appends already-serialised JSON as the value. */
    public JsonText rawField(String name, String json) {
        name(name);
        out.append(json);
        return this;
    }

    /** A JSON object of string values: the fields of a lead (rules §11). */
    public JsonText fieldIf(boolean present, String name, java.util.Map<String, String> values) {
        if (!present) {
            return this;
        }
        name(name);
        out.append('{');
        boolean firstValue = true;
        for (java.util.Map.Entry<String, String> value : values.entrySet()) {
            if (!firstValue) {
                out.append(',');
            }
            firstValue = false;
            quote(value.getKey());
            out.append(':');
            quote(value.getValue());
        }
        out.append('}');
        return this;
    }

    public String end() {
        out.append('}');
        return out.toString();
    }

    private void name(String name) {
        if (!first) {
            out.append(',');
        }
        first = false;
        quote(name);
        out.append(':');
    }

    private void quote(String s) {
        out.append('"');
        escape(out, s);
        out.append('"');
    }

    public static String quoted(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        escape(b, s);
        return b.append('"').toString();
    }

    static void escape(StringBuilder out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || (Character.isSurrogate(c) && !validPair(s, i))) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    private static boolean validPair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}

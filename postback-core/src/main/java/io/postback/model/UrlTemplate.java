package io.postback.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The URL of an outbound postback with its macros (rules §15): {@code {click}}, {@code {status}},
 * {@code {field.sub1}}, ... Parsed once at load, where an unknown macro fails; rendered per
 * delivery, every value percent-encoded, so that no value can add a parameter, a fragment or a line.
 */
public final class UrlTemplate {

    /** The macros of rules §15 besides {@code {field.NAME}}. The advertiser payout is never one. */
    public static final Set<String> MACROS = Set.of("lead", "click", "exto", "flow", "webmaster", "offer", "goal", "status",
            "commission", "currency", "time", "event");
    /** The longest URL (or form body) a delivery sends; a longer one is a dead letter without a request. */
    public static final int MAX_LENGTH = 8192;

    private final String text;
    /** Literal text and macro names, alternating: literal, macro, literal, ..., literal. */
    private final List<String> parts;

    private UrlTemplate(String text, List<String> parts) {
        this.text = text;
        this.parts = parts;
    }

    /**
     * The template of {@code text}, checked: an absolute http or https URL with a host, its macros
     * known ({@code field.NAME} only for a name in {@code fields}).
     *
     * @param owner names the postback in messages ("postback 3")
     */
    public static UrlTemplate parse(String text, List<String> fields, String owner) {
        return parse(text, fields, owner, false);
    }

    /**
     * A template as a delivery stored it: checked when its catalog was loaded, so any
     * {@code {field.NAME}} is taken (the offer's declared fields may have changed since).
     */
    public static UrlTemplate ofStored(String text) {
        return parse(text, List.of(), "a stored delivery", true);
    }

    private static UrlTemplate parse(String text, List<String> fields, String owner, boolean anyField) {
        Objects.requireNonNull(text, "text");
        List<String> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '{') {
                int end = text.indexOf('}', i);
                if (end < 0) {
                    throw new IllegalArgumentException(owner + ": an unclosed '{' in the url");
                }
                String macro = text.substring(i + 1, end);
                checkMacro(macro, fields, owner, anyField);
                parts.add(literal.toString());
                parts.add(macro);
                literal.setLength(0);
                i = end + 1;
            } else if (c == '}') {
                throw new IllegalArgumentException(owner + ": a '}' without '{' in the url");
            } else if (c <= ' ' || c >= 0x7f) {
                throw new IllegalArgumentException(owner + ": the url may hold only printable ASCII without spaces");
            } else {
                literal.append(c);
                i++;
            }
        }
        parts.add(literal.toString());
        UrlTemplate template = new UrlTemplate(text, List.copyOf(parts));
        template.checkUrl(owner);
        return template;
    }

    private static void checkMacro(String macro, List<String> fields, String owner, boolean anyField) {
        if (macro.startsWith("field.")) {
            String field = macro.substring("field.".length());
            if (!anyField && !fields.contains(field)) {
                throw new IllegalArgumentException(owner + ": macro {" + macro + "} names no declared field of the postback's"
                        + " offer (rules §11; a postback with field macros names its offer)");
            }
            return;
        }
        if (!MACROS.contains(macro)) {
            throw new IllegalArgumentException(owner + ": unknown macro {" + macro + "}; the macros are " + String.join(", ",
                    new java.util.TreeSet<>(MACROS)) + " and field.NAME");
        }
    }

    /** The template with every macro filled with a sample must be an absolute http or https URL with a host. */
    private void checkUrl(String owner) {
        StringBuilder sample = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            sample.append(i % 2 == 0 ? parts.get(i) : "x");
        }
        URI uri;
        try {
            uri = new URI(sample.toString());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(owner + ": the url is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(owner + ": the url must be http or https");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(owner + ": the url needs a host (and no user info)");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException(owner + ": the url must not have a fragment");
        }
        if (parts.size() > 1) {
            // The destination is decided at load, where it can be checked (rules §15): never by a value.
            String head = parts.get(0);
            int hostStart = head.indexOf("://") + 3;
            if (hostStart < 3 || head.indexOf('/', hostStart) < 0 && head.indexOf('?', hostStart) < 0) {
                throw new IllegalArgumentException(owner + ": macros may not be in the url's scheme or host");
            }
        }
    }

    /** The template as written in the catalog. */
    public String text() {
        return text;
    }

    /**
     * The URL with each macro's value percent-encoded (UTF-8; letters, digits and {@code -._~} kept);
     * a macro without a value becomes empty.
     */
    public String render(Map<String, String> values) {
        StringBuilder out = new StringBuilder(text.length() + 64);
        for (int i = 0; i < parts.size(); i++) {
            if (i % 2 == 0) {
                out.append(parts.get(i));
            } else {
                encode(values.getOrDefault(parts.get(i), ""), out);
            }
        }
        return out.toString();
    }

    static void encode(String value, StringBuilder out) {
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UrlTemplate other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}

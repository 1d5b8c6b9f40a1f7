package io.postback.examples.servlet;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the site id a postback's token names ({@code 12} in {@code 12-abc}) in the raw request,
 * for log lines. Only the digits before the dash are ever extracted, so the key cannot leak into
 * a log through this class. Best effort: a token it cannot see gives an empty id, never an error.
 */
final class TokenSiteId {

    private static final Pattern IN_URL_ENCODED = Pattern.compile("(?:^|[?&])token=(\\d{1,18})(?:-|%2[dD])");
    private static final Pattern IN_JSON = Pattern.compile("\"token\"\\s*:\\s*\"(\\d{1,18})-");

    private TokenSiteId() {
    }

    static OptionalLong find(String rawQuery, byte[] body, boolean json) {
        OptionalLong fromQuery = first(IN_URL_ENCODED.matcher(rawQuery));
        if (fromQuery.isPresent() || body.length == 0) {
            return fromQuery;
        }
        String text = new String(body, json ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return first((json ? IN_JSON : IN_URL_ENCODED).matcher(text));
    }

    private static OptionalLong first(Matcher m) {
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }
}

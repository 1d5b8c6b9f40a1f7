package io.postback.examples.demo;

import java.util.Locale;

/**
 * Where a delivery goes, as the operator page shows it: the scheme, host and port of its URL
 * template, nothing more (docs/operator-page.md, "What is never shown"). A template's path and
 * query may hold a webmaster's key, or a token someone pasted there, and its user info a password;
 * none of them is shown. Macros are never in the scheme or host (rules §15.3).
 */
final class DeliveryDestination {

    private DeliveryDestination() {
    }

    static String of(String urlTemplate) {
        int schemeEnd = urlTemplate.indexOf("://");
        if (schemeEnd <= 0) {
            return "(not a URL)";
        }
        String rest = urlTemplate.substring(schemeEnd + 3);
        int authorityEnd = rest.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int at = rest.indexOf(c);
            if (at >= 0 && at < authorityEnd) {
                authorityEnd = at;
            }
        }
        String authority = rest.substring(0, authorityEnd);
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        return urlTemplate.substring(0, schemeEnd).toLowerCase(Locale.ROOT) + "://" + host.toLowerCase(Locale.ROOT);
    }
}

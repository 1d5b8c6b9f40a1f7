package io.postback.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical form a signature covers (rules §2): every parameter except {@code sig}, sorted by
 * name, each as {@code name=value} percent-encoded as RFC 3986 (UTF-8; only {@code A-Z a-z 0-9 - . _ ~}
 * stay as they are; a space is {@code %20}), joined with {@code &}. This is what PHP's
 * {@code ksort($p); http_build_query($p, '', '&', PHP_QUERY_RFC3986)} produces.
 */
public final class SignatureBase {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private SignatureBase() {
    }

    public static String of(ReceivedParams raw) {
        Map<String, String> sorted = new TreeMap<>();
        for (int i = 0; i < raw.size(); i++) {
            if (!raw.name(i).equals("sig")) {
                sorted.putIfAbsent(raw.name(i), raw.value(i));
            }
        }
        StringBuilder out = new StringBuilder(256);
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            if (out.length() > 0) {
                out.append('&');
            }
            encode(out, e.getKey());
            out.append('=');
            encode(out, e.getValue());
        }
        return out.toString();
    }

    static void encode(StringBuilder out, String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            boolean unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~';
            if (unreserved) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
    }
}

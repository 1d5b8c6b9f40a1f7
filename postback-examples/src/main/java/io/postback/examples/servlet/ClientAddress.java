package io.postback.examples.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The address a postback came from, as passed to {@code PostbackRequest.withRemoteAddress} for IP
 * allow-lists and the journal.
 *
 * <p>By default it is the direct peer, {@link HttpServletRequest#getRemoteAddr()}, and
 * {@code X-Forwarded-For} is ignored: anyone can send that header, so trusting it would let a
 * sender pick the address an allow-list checks. Behind a reverse proxy or load balancer, name the
 * proxies' addresses with {@link #trusting(Set)}. Then, and only when the direct peer is one of
 * them, the header is read from right to left, skipping trusted addresses, and the first address
 * that is not trusted is the client: entries further left were written by the client itself and
 * are never believed. When every entry is trusted, the left-most one is used. An entry that is not
 * an IP address gives {@value #UNKNOWN}, which matches no allow-list (fail closed).
 */
public final class ClientAddress {

    /** The address reported when the one to believe is not an IP address. */
    public static final String UNKNOWN = "unknown";

    private static final ClientAddress DIRECT = new ClientAddress(Set.of());
    /** Dotted quad, optionally with a port as some proxies write it. */
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?::\\d{1,5})?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final Set<String> trustedProxies;

    private ClientAddress(Set<String> trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    /** The direct peer only; {@code X-Forwarded-For} is ignored. */
    public static ClientAddress direct() {
        return DIRECT;
    }

    /**
     * Believes {@code X-Forwarded-For} from these proxies only.
     *
     * @param proxies IP addresses (not names, not ranges) of the reverse proxies in front of this server
     * @throws IllegalArgumentException if one is not an IP address
     */
    public static ClientAddress trusting(Set<String> proxies) {
        Set<String> normalized = new HashSet<>();
        for (String proxy : Objects.requireNonNull(proxies, "proxies")) {
            normalized.add(normalize(proxy).orElseThrow(
                    () -> new IllegalArgumentException("trusted proxy is not an IP address: " + proxy)));
        }
        return new ClientAddress(Set.copyOf(normalized));
    }

    /** The address to pass to the processor for this request. */
    public String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (trustedProxies.isEmpty() || !isTrusted(peer)) {
            return peer;
        }
        List<String> hops = forwardedFor(request);
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (!isTrusted(hops.get(i))) {
                return normalize(hops.get(i)).orElse(UNKNOWN);
            }
        }
        return hops.isEmpty() ? peer : normalize(hops.get(0)).orElse(UNKNOWN);
    }

    private boolean isTrusted(String address) {
        return normalize(address).map(trustedProxies::contains).orElse(false);
    }

    /** All X-Forwarded-For entries, in order, across repeated headers. */
    private static List<String> forwardedFor(HttpServletRequest request) {
        List<String> hops = new ArrayList<>();
        for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
            for (String entry : header.split(",")) {
                hops.add(entry.trim());
            }
        }
        return hops;
    }

    /**
     * The canonical text of an IP literal ({@code [::1]}, {@code 10.0.0.1:443} accepted), or empty
     * when it is not one. IPv4 is parsed here and only IPv6 literals reach {@link InetAddress}, so
     * no name is ever looked up in DNS.
     */
    static Optional<String> normalize(String address) {
        String a = address.trim();
        if (a.startsWith("[")) {
            int close = a.indexOf(']');
            if (close < 0 || close != a.length() - 1 && a.charAt(close + 1) != ':') {
                return Optional.empty();
            }
            a = a.substring(1, close);
        }
        Matcher v4 = IPV4.matcher(a);
        if (v4.matches()) {
            return ipv4(v4);
        }
        if (a.indexOf(':') < 0 || !IPV6.matcher(a).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(a).getHostAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> ipv4(Matcher m) {
        StringBuilder out = new StringBuilder(15);
        for (int group = 1; group <= 4; group++) {
            int octet = Integer.parseInt(m.group(group));
            if (octet > 255) {
                return Optional.empty();
            }
            out.append(group > 1 ? "." : "").append(octet);
        }
        return Optional.of(out.toString());
    }
}

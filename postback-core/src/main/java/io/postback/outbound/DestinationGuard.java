package io.postback.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Rules §15, security: a delivery goes only to http or https destinations whose every address is
 * public. Loopback, link-local, private (RFC 1918, 100.64/10), unique-local (fc00::/7), unspecified
 * and multicast addresses are refused, also when a name resolves to one, unless the host allows
 * private destinations (the demo's {@code --outbound-allow-private}).
 */
final class DestinationGuard {

    /** Resolves names; replaced in tests. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowPrivate;
    private final Resolver resolver;

    DestinationGuard(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /** Why the destination is refused; empty when it may be sent to. */
    Optional<String> refusal(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("refused: only http and https destinations are sent to");
        }
        String host = uri.getHost();
        if (host == null) {
            return Optional.of("refused: the url has no host");
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return Optional.empty(); // the request fails as a network error, and is retried
        }
        for (InetAddress address : addresses) {
            Optional<String> kind = privateKind(address);
            if (kind.isPresent()) {
                return Optional.of("refused: " + host + " is " + (host.equals(address.getHostAddress()) ? "" : "at ")
                        + address.getHostAddress() + ", a " + kind.get() + " address");
            }
        }
        return Optional.empty();
    }

    /** The kind of non-public address this is, if it is one. */
    static Optional<String> privateKind(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            if (isMappedV4(b)) {
                try {
                    return privateKind(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return Optional.of("unique-local");
            }
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("private");
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("unspecified");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("multicast");
        }
        if (address instanceof Inet4Address) {
            byte[] b = address.getAddress();
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 100 && second >= 64 && second < 128) {
                return Optional.of("shared (carrier-grade NAT)");
            }
            if (first == 0) {
                return Optional.of("unspecified");
            }
        }
        return Optional.empty();
    }

    private static boolean isMappedV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}

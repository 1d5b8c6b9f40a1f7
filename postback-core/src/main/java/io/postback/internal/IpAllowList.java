package io.postback.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Addresses and CIDR ranges (IPv4 and IPv6) a site's postbacks may come from. Only literal
 * addresses are parsed, never host names: a check must not cost a DNS lookup.
 */
public final class IpAllowList {

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int fullBytes = prefix / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[fullBytes] & mask) == (network[fullBytes] & mask);
        }
    }

    private final List<Range> ranges;

    private IpAllowList(List<Range> ranges) {
        this.ranges = ranges;
    }

    /**
     * Parses entries such as {@code 203.0.113.7}, {@code 198.51.100.0/24}, {@code 2001:db8::/32}.
     *
     * @throws IllegalArgumentException naming the entry that is not a literal address or range
     */
    public static IpAllowList parse(List<String> entries) {
        List<Range> ranges = new ArrayList<>(entries.size());
        for (String entry : entries) {
            String text = entry.trim();
            int slash = text.indexOf('/');
            byte[] address = parseAddress(slash < 0 ? text : text.substring(0, slash))
                    .orElseThrow(() -> new IllegalArgumentException("not an IP address or CIDR range: '" + entry + "'"));
            int bits = address.length * 8;
            int prefix = slash < 0 ? bits : prefix(text.substring(slash + 1), bits, entry);
            ranges.add(new Range(address, prefix));
        }
        return new IpAllowList(List.copyOf(ranges));
    }

    public boolean allows(String address) {
        Optional<byte[]> parsed = parseAddress(address.trim());
        if (parsed.isEmpty()) {
            return false;
        }
        byte[] bytes = unmapIpv4(parsed.get());
        for (Range range : ranges) {
            if (range.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    private static int prefix(String text, int bits, String entry) {
        if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("bad prefix length in '" + entry + "'");
        }
        int prefix = Integer.parseInt(text);
        if (prefix > bits) {
            throw new IllegalArgumentException("prefix longer than the address in '" + entry + "'");
        }
        return prefix;
    }

    /** A literal IPv4 (dotted quad) or IPv6 address; anything else is empty, without any lookup. */
    static Optional<byte[]> parseAddress(String text) {
        if (text.indexOf(':') >= 0) {
            return parseIpv6(text);
        }
        return parseIpv4(text);
    }

    private static Optional<byte[]> parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (part.length() > 1 && part.charAt(0) == '0')) {
                return Optional.empty();
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) value;
        }
        return Optional.of(bytes);
    }

    private static Optional<byte[]> parseIpv6(String text) {
        String literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (literal.isEmpty() || literal.length() > 45) {
            return Optional.empty();
        }
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            boolean ok = c == ':' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!ok) {
                return Optional.empty(); // also excludes zone ids and host names
            }
        }
        try {
            // A string of hex digits and colons is parsed as a literal by the JDK; it never resolves a name.
            return Optional.of(InetAddress.getByName("[" + literal + "]").getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** {@code ::ffff:203.0.113.7} is the IPv4 address it maps. */
    private static byte[] unmapIpv4(byte[] address) {
        if (address.length != 16) {
            return address;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return address;
            }
        }
        if (address[10] != (byte) 0xFF || address[11] != (byte) 0xFF) {
            return address;
        }
        return new byte[] {address[12], address[13], address[14], address[15]};
    }
}

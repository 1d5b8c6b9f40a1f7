package io.postback.examples.demo;

import io.postback.examples.outbound.PostbackSignatureVerifier;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * A webmaster's tracker, in memory: the demo sends its outbound postbacks (docs/outbound.md) to
 * itself, and this keeps the latest it received for the page at {@code /}. It checks a signature
 * with the catalog's signing secrets, which it never shows.
 */
final class WebmasterTracker {

    static final int KEPT = 20;
    /** The most of a query or body kept and shown; the demo's outbound URLs are far shorter. */
    static final int MAX_SHOWN = 2_000;

    /** Whether a postback's {@code X-Postback-Signature} header checked out. */
    enum Signature {
        NONE, VALID, INVALID
    }

    /**
     * One postback received.
     *
     * @param payload the raw query of a GET or the form body of a POST, as received (cut at {@value #MAX_SHOWN})
     * @param params  the payload's parameters, percent-decoded, in order: {@code name=value}
     */
    record Received(Instant at, String method, String payload, List<String> params, Signature signature) {
        Received {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(payload, "payload");
            params = List.copyOf(params);
            Objects.requireNonNull(signature, "signature");
        }
    }

    private final List<PostbackSignatureVerifier> verifiers;
    private final Clock clock;
    private final Deque<Received> latest = new ArrayDeque<>();

    /** @param secrets the signing secrets of the catalog's outbound postbacks: a signature valid under any of them is valid */
    WebmasterTracker(List<String> secrets, Clock clock) {
        this.verifiers = secrets.stream().map(s -> new PostbackSignatureVerifier(s, Duration.ofMinutes(5))).toList();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Keeps a postback; {@code signatureHeader} is null when the request had none. */
    Received receive(String method, String payload, String signatureHeader) {
        Instant now = clock.instant();
        Signature signature = signatureHeader == null ? Signature.NONE
                : verifiers.stream().anyMatch(v -> v.verify(signatureHeader, payload, now)) ? Signature.VALID : Signature.INVALID;
        String kept = payload.length() <= MAX_SHOWN ? payload : payload.substring(0, MAX_SHOWN);
        Received received = new Received(now, method, kept, decode(kept), signature);
        synchronized (latest) {
            latest.addFirst(received);
            while (latest.size() > KEPT) {
                latest.removeLast();
            }
        }
        return received;
    }

    /** The postbacks received, newest first. */
    List<Received> latest() {
        synchronized (latest) {
            return new ArrayList<>(latest);
        }
    }

    static List<String> decode(String payload) {
        List<String> params = new ArrayList<>();
        if (payload.isEmpty()) {
            return params;
        }
        for (String pair : payload.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.add(decodeOne(name) + "=" + decodeOne(value));
        }
        return params;
    }

    private static String decodeOne(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // a malformed escape: shown as received
        }
    }
}

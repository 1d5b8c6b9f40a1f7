package io.postback.examples.outbound;

// tag::verifier[]
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the {@code X-Postback-Signature} header of an outbound postback on the receiving side
 * (docs/outbound.md, "Signatures"): {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<payload>">},
 * where the payload is the POST's form body, or the GET's raw query string, exactly as received
 * (before any percent-decoding; empty without one). Needs the JDK only.
 */
public final class PostbackSignatureVerifier {

    private final byte[] secret;
    private final Duration tolerance;

    /** @param tolerance how far the signature's time may be from now, either way (5 minutes is usual) */
    public PostbackSignatureVerifier(String secret, Duration tolerance) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.tolerance = tolerance;
    }

    /** Whether {@code header} (null when the request had none) signs {@code payload} with the secret, made near {@code now}. */
    public boolean verify(String header, String payload, Instant now) {
        if (header == null) {
            return false;
        }
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            if (part.startsWith("t=")) {
                t = part.substring(2);
            } else if (part.startsWith("v1=")) {
                v1 = part.substring(3);
            }
        }
        if (t == null || v1 == null || !t.matches("[0-9]{1,12}")) {
            return false;
        }
        if (Duration.between(Instant.ofEpochSecond(Long.parseLong(t)), now).abs().compareTo(tolerance) > 0) {
            return false; // too old or from the future: a replay, or a clock far off
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(v1);
        } catch (IllegalArgumentException e) {
            return false;
        }
        // A comparison in constant time: how long it takes tells nothing about the right signature.
        return MessageDigest.isEqual(hmacSha256(t + "." + payload), given);
    }

    private byte[] hmacSha256(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
// end::verifier[]

package io.postback.outbound;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The optional signature of an outbound postback (rules §15, docs/outbound.md): the header
 * {@value #HEADER}{@code : t=<unix seconds>,v1=<hex HMAC-SHA256>}, over {@code <t>.<payload>},
 * where the payload is the form body of a POST, or the raw query string of a GET (empty without one).
 */
public final class DeliverySignature {

    public static final String HEADER = "X-Postback-Signature";

    private DeliverySignature() {
    }

    /** The header's value for {@code payload} signed at {@code unixSeconds} with {@code secret}. */
    public static String header(String secret, long unixSeconds, String payload) {
        return "t=" + unixSeconds + ",v1=" + hmac(secret, unixSeconds + "." + payload);
    }

    static String hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}

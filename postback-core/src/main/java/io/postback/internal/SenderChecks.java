package io.postback.internal;

import io.postback.model.ErrorCode;
import io.postback.model.Site;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The optional per-site hardening of rules §2: an IP allow-list and an HMAC-SHA256 signature over
 * {@link SignatureBase} with a {@code time} window and replay protection.
 */
final class SenderChecks {

    private final Duration window;
    /** Parsed once per distinct list: their number is bounded by the catalog's sites. */
    private final Map<List<String>, IpAllowList> allowLists = new ConcurrentHashMap<>();

    SenderChecks(Duration window) {
        this.window = window;
    }

    /**
     * Checks the site's allow-list and signature. Writes nothing: a verified signature of a live
     * postback comes back for the processor to record against replays.
     */
    Optional<SignatureUse> check(Received received, ValidatedParams params, Site site) throws Rejection {
        if (!site.allowedSources().isEmpty()) {
            checkSource(received, site);
        }
        if (site.signingSecret().isPresent()) {
            return checkSignature(received, params, site, site.signingSecret().get());
        }
        return Optional.empty();
    }

    private void checkSource(Received received, Site site) throws Rejection {
        String address = received.remoteAddress().orElse("");
        IpAllowList list = allowLists.computeIfAbsent(site.allowedSources(), SenderChecks::parseOrDenyAll);
        if (address.isEmpty() || !list.allows(address)) {
            throw new Rejection(ErrorCode.TOKEN, "postbacks for this site are not accepted from this address");
        }
        received.trace().add("source", "address allowed for site ", site.id());
    }

    /** A broken allow-list in the catalog admits nobody. */
    private static IpAllowList parseOrDenyAll(List<String> sources) {
        try {
            return IpAllowList.parse(sources);
        } catch (IllegalArgumentException e) {
            return IpAllowList.parse(List.of());
        }
    }

    private Optional<SignatureUse> checkSignature(Received received, ValidatedParams p, Site site, String secret)
            throws Rejection {
        if (p.signature == null) {
            throw new Rejection(ErrorCode.SIGNATURE, "this site requires signed postbacks: parameter 'sig' is missing");
        }
        if (p.time == null) {
            throw new Rejection(ErrorCode.SIGNATURE, "a signed postback needs 'time' (unix seconds)");
        }
        if (Duration.between(p.time, received.now()).abs().compareTo(window) > 0) {
            throw new Rejection(ErrorCode.SIGNATURE, "'time' is outside the signature window of " + window.toSeconds() + " s");
        }
        String expected = hmacSha256Hex(secret, SignatureBase.of(received.params()));
        if (!ConstantTime.equals(expected, p.signature.toLowerCase(java.util.Locale.ROOT))) {
            throw new Rejection(ErrorCode.SIGNATURE, "the signature does not match the parameters");
        }
        if (received.mode().dryRun()) {
            received.trace().add("signature", "valid (a dry run does not record it against replays)");
            return Optional.empty();
        }
        received.trace().add("signature", "valid");
        return Optional.of(new SignatureUse(sha256Hex(site.id() + ":" + expected), p.time.plus(window)));
    }

    static String hmacSha256Hex(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}

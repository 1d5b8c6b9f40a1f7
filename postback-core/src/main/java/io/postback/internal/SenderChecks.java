package io.postback.internal;

import io.postback.model.ErrorCode;
import io.postback.model.Site;
import io.postback.spi.SeenSignatures;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The optional per-site hardening of SPEC §2: an IP allow-list and an HMAC-SHA256 signature over
 * {@link CanonicalParams} with a {@code time} window and replay protection.
 */
final class SenderChecks {

    private final SeenSignatures seen;
    private final Duration window;
    /** Parsed once per distinct list: their number is bounded by the catalog's sites. */
    private final Map<List<String>, IpAllowList> allowLists = new ConcurrentHashMap<>();

    SenderChecks(SeenSignatures seen, Duration window) {
        this.seen = seen;
        this.window = window;
    }

    void check(Postback pb) throws Rejection {
        Site site = pb.site;
        if (!site.allowedSources().isEmpty()) {
            checkSource(pb, site);
        }
        if (site.signingSecret().isPresent()) {
            checkSignature(pb, site, site.signingSecret().get());
        }
    }

    private void checkSource(Postback pb, Site site) throws Rejection {
        String address = pb.remoteAddress.orElse("");
        IpAllowList list = allowLists.computeIfAbsent(site.allowedSources(), SenderChecks::parseOrDenyAll);
        if (address.isEmpty() || !list.allows(address)) {
            throw new Rejection(ErrorCode.TOKEN, "postbacks for this site are not accepted from this address");
        }
        if (pb.trace.enabled()) {
            pb.trace.add("source", "address allowed for site " + site.id());
        }
    }

    /** A broken allow-list in the catalog admits nobody. */
    private static IpAllowList parseOrDenyAll(List<String> sources) {
        try {
            return IpAllowList.parse(sources);
        } catch (IllegalArgumentException e) {
            return IpAllowList.parse(List.of());
        }
    }

    private void checkSignature(Postback pb, Site site, String secret) throws Rejection {
        PostbackParams p = pb.params;
        if (p.signature == null) {
            throw new Rejection(ErrorCode.SIGNATURE, "this site requires signed postbacks: parameter 'sig' is missing");
        }
        if (p.time == null) {
            throw new Rejection(ErrorCode.SIGNATURE, "a signed postback needs 'time' (unix seconds)");
        }
        if (Duration.between(p.time, pb.now).abs().compareTo(window) > 0) {
            throw new Rejection(ErrorCode.SIGNATURE, "'time' is outside the signature window of " + window.toSeconds() + " s");
        }
        String expected = hmacSha256Hex(secret, CanonicalParams.of(pb.raw));
        if (!ConstantTime.equals(expected, p.signature.toLowerCase(java.util.Locale.ROOT))) {
            throw new Rejection(ErrorCode.SIGNATURE, "the signature does not match the parameters");
        }
        if (pb.dryRun) {
            pb.trace.add("signature", "valid (a dry run does not record it against replays)");
            return;
        }
        Instant expiresAt = p.time.plus(window);
        String digest = sha256Hex(site.id() + ":" + expected);
        SeenSignatures seenNow = seen.signaturesWithin(pb.deadline);
        if (!seenNow.firstUse(digest, pb.postbackId, expiresAt)) {
            // The same signed postback again: a sender's retry after a lost answer. It gets the first answer.
            pb.repeatedSignature = digest;
            pb.firstUse = seenNow.firstUser(digest);
            pb.trace.add("signature", "valid, and used before: this repeats a postback received earlier");
            return;
        }
        pb.recordedSignature = digest;
        pb.trace.add("signature", "valid");
    }

    /** A postback that was not applied for a transient reason may be sent again with the same signature. */
    void forgetSignature(Postback pb) {
        forget(pb, pb.recordedSignature);
    }

    /** The first use of a repeated signature failed for a transient reason: the next retry is a first use. */
    void forgetRepeatedSignature(Postback pb) {
        forget(pb, pb.repeatedSignature);
    }

    private void forget(Postback pb, String digest) {
        if (digest != null) {
            try {
                seen.signaturesWithin(pb.deadline).forget(digest);
            } catch (RuntimeException e) {
                // The store is failing anyway; the sender will then have to re-sign its retry.
            }
        }
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

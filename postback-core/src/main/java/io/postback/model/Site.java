package io.postback.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An advertiser's integration point for one offer, identified by the token {@code {id}-{key}}.
 *
 * @param key            the secret part of the token; never logged
 * @param statusAliases  the advertiser's own status words, normalised as in rules §4
 * @param signingSecret  when present, postbacks must be signed with it (rules §2)
 * @param allowedSources when not empty, the addresses or CIDR ranges postbacks may come from
 * @param rules          postback controls tried before the offer's (rules §14)
 */
public record Site(long id, long offerId, String key, Map<String, Status> statusAliases,
                   Optional<String> signingSecret, List<String> allowedSources, List<Rule> rules) {
    public Site {
        rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
        Objects.requireNonNull(key, "key");
        statusAliases = normalizedAliases(Objects.requireNonNull(statusAliases, "statusAliases"));
        Objects.requireNonNull(signingSecret, "signingSecret");
        allowedSources = List.copyOf(Objects.requireNonNull(allowedSources, "allowedSources"));
        if (id <= 0) {
            throw new IllegalArgumentException("site id must be positive: " + id);
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException("site " + id + " needs a key");
        }
    }

    public Site(long id, long offerId, String key, Map<String, Status> statusAliases, Optional<String> signingSecret,
                List<String> allowedSources) {
        this(id, offerId, key, statusAliases, signingSecret, allowedSources, List.of());
    }

    public static Site of(long id, long offerId, String key) {
        return new Site(id, offerId, key, Map.of(), Optional.empty(), List.of());
    }

    public Site withRules(List<Rule> newRules) {
        return new Site(id, offerId, key, statusAliases, signingSecret, allowedSources, newRules);
    }

    public Site withStatusAliases(Map<String, Status> aliases) {
        return new Site(id, offerId, key, aliases, signingSecret, allowedSources, rules);
    }

    public Site withSigningSecret(String secret) {
        return new Site(id, offerId, key, statusAliases, Optional.of(secret), allowedSources, rules);
    }

    public Site withAllowedSources(List<String> sources) {
        return new Site(id, offerId, key, statusAliases, signingSecret, sources, rules);
    }

    private static Map<String, Status> normalizedAliases(Map<String, Status> aliases) {
        Map<String, Status> normalized = new java.util.HashMap<>();
        aliases.forEach((word, status) -> {
            String key = StatusWords.normalize(word);
            if (!key.isEmpty()) {
                normalized.put(key, Objects.requireNonNull(status, "status of alias " + word));
            }
        });
        return Map.copyOf(normalized);
    }

    @Override
    public String toString() {
        return "Site[id=" + id + ", offerId=" + offerId + ", key=***]";
    }
}

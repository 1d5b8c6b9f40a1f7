package io.postback.testing;

import io.postback.memory.InMemoryOfferCatalog;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A catalog document with one of each network rule (rules §11–§14), read as a host would read it.
 * Offer 1 (EUR), site 12 (token {@code 12-abc}), flows 1234 and 1235.
 */
public final class NetworkCatalog {

    public static final String JSON = """
            {
              "offers": [{
                "id": 1, "name": "Casino", "currency": "EUR", "default_goal": "reg",
                "fields": ["country", "sub1"],
                "goals": [
                  {"id": "reg", "payout": "10", "commission": {"fixed": "4"}},
                  {"id": "sale", "payout": "100", "commission": {"fixed": "40"}, "hold_period": "P14D"},
                  {"id": "quick", "payout": "20", "commission": {"fixed": "5"}, "hold_period": "PT1H"},
                  {"id": "ftd", "payout": "50", "commission": {"fixed": "30"}, "repeat": "ignore"},
                  {"id": "dep", "payout": "30", "commission": {"revshare": "50"}, "repeat": "add"},
                  {"id": "upsell", "payout": "15", "commission": {"fixed": "5"}, "repeat": "new"}
                ],
                "caps": [
                  {"name": "sale-daily", "goal": "sale", "per": "day", "zone": "Europe/Berlin", "max": 2,
                   "counts": "approve", "over": "reject"},
                  {"name": "reg-total", "goal": "reg", "flow": 1235, "per": "total", "max": 3, "counts": "create", "over": "trash"}
                ],
                "rules": [
                  {"name": "test-traffic", "when": {"field.sub1": {"prefix": "test"}}, "then": "reject"},
                  {"name": "blocked-country", "when": {"field.country": {"in": ["XX", "YY"]}}, "then": "trash"},
                  {"name": "big-deposit", "when": {"goal": ["ftd", "dep"], "pay": {"gt": "500"}}, "then": "hold"}
                ]
              }],
              "sites": [{"id": 12, "offer": 1, "key": "abc",
                         "rules": [{"name": "huge-commission", "when": {"wm": {"ge": "1000"}, "status": "approve"},
                                    "then": "cancel"}]}],
              "flows": [
                {"id": 1234, "code": "5FAC-D4E8", "offer": 1, "webmaster": 77},
                {"id": 1235, "code": "7B2C-11AA", "offer": 1, "webmaster": 78}
              ]
            }
            """;

    private NetworkCatalog() {
    }

    public static InMemoryOfferCatalog create() {
        return read(JSON);
    }

    public static InMemoryOfferCatalog read(String json) {
        try {
            return InMemoryOfferCatalog.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A processor on the in-memory store with this catalog. */
    public static EngineFixture engine() {
        return EngineFixture.standard().sameStore(create(), b -> { });
    }
}

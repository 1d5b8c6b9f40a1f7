package io.postback.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postback.memory.InMemoryOfferCatalog;
import io.postback.memory.NetworkRulesJson;
import io.postback.model.Cap;
import io.postback.model.Offer;
import io.postback.model.Repeat;
import io.postback.testing.NetworkCatalog;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The catalog keys of rules §12–§14: read, written back, and refused with a message naming what is wrong. */
class NetworkCatalogTest {

    @Test
    void theDocumentsSettingsAreRead() {
        Offer offer = NetworkCatalog.create().offer(1).orElseThrow();

        assertThat(offer.goal("dep").orElseThrow().repeat()).hasValue(Repeat.ADD);
        assertThat(offer.goal("sale").orElseThrow().holdPeriod()).hasValue(Duration.ofDays(14));
        assertThat(offer.goal("reg").orElseThrow().repeat()).isEmpty();
        assertThat(offer.caps()).extracting(Cap::name).containsExactly("sale-daily", "reg-total");
        assertThat(offer.caps().get(1).over()).isEqualTo(Cap.Over.TRASH);
        assertThat(offer.caps().get(1).zone().getId()).as("UTC by default").isEqualTo("Z");
        assertThat(offer.rules()).hasSize(3);
    }

    @Test
    void capsAndRulesSurviveTheirJsonText() {
        InMemoryOfferCatalog catalog = NetworkCatalog.create();
        Offer offer = catalog.offer(1).orElseThrow();

        assertThat(NetworkRulesJson.caps(NetworkRulesJson.capsJson(offer.caps()), "offer 1")).isEqualTo(offer.caps());
        assertThat(NetworkRulesJson.rules(NetworkRulesJson.rulesJson(offer.rules()), "offer 1")).isEqualTo(offer.rules());
        var siteRules = catalog.site(12).orElseThrow().rules();
        assertThat(NetworkRulesJson.rules(NetworkRulesJson.rulesJson(siteRules), "site 12")).isEqualTo(siteRules);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"repeat\": \"add\"|\"repeat\": \"twice\"|offer 1 goal \"dep\": 'repeat' must be new, ignore or add, not 'twice'",
            "\"hold_period\": \"P14D\"|\"hold_period\": \"P1M\"|offer 1 goal \"sale\": 'hold_period' must be an ISO-8601 duration",
            "\"hold_period\": \"P14D\"|\"hold_period\": \"PT0.5S\"|'hold_period' must be at least 1 second",
            "\"max\": 2|\"max\": -2|offer 1 cap 'sale-daily': 'max' must not be negative",
            "\"per\": \"day\"|\"per\": \"week\"|offer 1 cap 'sale-daily': 'per' must be one of day, month, total",
            "\"zone\": \"Europe/Berlin\"|\"zone\": \"Mars/Olympus\"|offer 1 cap 'sale-daily': 'zone' names no time zone",
            "\"counts\": \"approve\"|\"counts\": \"clicks\"|offer 1 cap 'sale-daily': 'counts' must be one of create, approve",
            "\"over\": \"reject\"|\"over\": \"ignore\"|offer 1 cap 'sale-daily': 'over' must be one of reject, hold, trash",
            "\"goal\": \"sale\", \"per\"|\"goal\": \"salez\", \"per\"|offer 1 cap 'sale-daily': 'goal' salez is not a goal of the offer",
            "\"name\": \"reg-total\"|\"name\": \"sale-daily\"|offer 1: two caps are named 'sale-daily'",
            "\"then\": \"reject\"|\"then\": \"approve\"|offer 1 rule 'test-traffic': 'then' must be one of reject, hold, trash, cancel",
            "\"field.sub1\"|\"field.sub2\"|offer 1 rule 'test-traffic': 'field.sub2' is not a declared field of the offer",
            "{\"prefix\": \"test\"}|{\"starts\": \"test\"}|offer 1 rule 'test-traffic': condition 'field.sub1': must be an object with one of eq, in, prefix",
            "\"pay\": {\"gt\": \"500\"}|\"pay\": {\"over\": \"500\"}|offer 1 rule 'big-deposit': condition 'pay': unknown comparison 'over'",
            "\"goal\": [\"ftd\", \"dep\"]|\"goal\": [\"ftd\", \"deposit\"]|offer 1 rule 'big-deposit': 'goal' deposit is not a goal of the offer",
            "\"status\": \"approve\"|\"status\": \"paid\"|site 12 rule 'huge-commission': condition 'status': unknown status 'paid'",
            "\"wm\": {\"ge\": \"1000\"}|\"sum\": {\"ge\": \"1000\"}|site 12 rule 'huge-commission': condition 'sum': unknown condition",
    })
    void aMalformedSettingFailsTheLoadNamingWhereAndTheField(String valid, String broken, String message) {
        assertThat(NetworkCatalog.JSON).contains(valid);

        assertThatThrownBy(() -> NetworkCatalog.read(NetworkCatalog.JSON.replaceFirst(java.util.regex.Pattern.quote(valid),
                java.util.regex.Matcher.quoteReplacement(broken))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}

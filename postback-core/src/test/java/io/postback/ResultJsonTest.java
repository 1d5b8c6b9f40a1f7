package io.postback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postback.model.ErrorCode;
import io.postback.model.Lead;
import io.postback.model.Outcome;
import io.postback.testing.EngineFixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Rules §8: the answers as the seed's system gives them, and the strict HTTP mapping. */
class ResultJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EngineFixture fx = EngineFixture.standard();

    private static JsonNode parse(PostbackResult result) throws Exception {
        return JSON.readTree(result.toJson());
    }

    @Test
    void anAppliedResultIsOkWithTheLeadId() throws Exception {
        PostbackResult result = fx.create("token=12-abc&click=j1&goal=dep&pay=12,5");

        JsonNode json = parse(result);
        Lead lead = fx.leadOf(result);
        assertThat(json.get("status").asText()).isEqualTo("ok");
        assertThat(json.get("id").isIntegralNumber()).isTrue();
        assertThat(json.get("id").asLong()).isEqualTo(lead.id());
        assertThat(json.get("result").asText()).isEqualTo("created");
        assertThat(json.get("lead_status").asText()).isEqualTo("new");
        assertThat(json.get("goal").asText()).isEqualTo("dep");
        assertThat(json.get("payout").isTextual()).as("money is never a JSON float").isTrue();
        assertThat(json.get("payout").asText()).isEqualTo("12.50");
        assertThat(json.get("commission").asText()).isEqualTo("30.00");
        assertThat(json.get("currency").asText()).isEqualTo("EUR");
    }

    @Test
    void everyAppliedOutcomeHasItsWireName() throws Exception {
        List<PostbackResult> results = new ArrayList<>();
        results.add(fx.create("token=12-abc&click=j2&exto=o&time=100"));
        results.add(fx.create("token=12-abc&click=j2&exto=o"));
        results.add(fx.status("token=12-abc&click=j2&exto=o&status=approved"));
        results.add(fx.status("token=12-abc&click=j2&exto=o&status=approved"));
        results.add(fx.status("token=12-abc&click=j2&exto=o&status=pending"));

        List<String> names = new ArrayList<>();
        for (PostbackResult r : results) {
            JsonNode json = parse(r);
            assertThat(json.get("status").asText()).isEqualTo("ok");
            assertThat(json.get("id").asLong()).isEqualTo(results.get(0).lead().orElseThrow().id());
            names.add(json.get("result").asText());
        }
        assertThat(names).containsExactly("created", "duplicate", "updated", "unchanged", "stale");
        assertThat(parse(results.get(4)).get("lead_status").asText()).isEqualTo("approve");
    }

    @Test
    void aRejectionIsAnErrorWithCodeAndMessageOnly() throws Exception {
        PostbackResult result = fx.create("token=12-abc&click=j3&goal=vip");

        JsonNode json = parse(result);
        assertThat(json.size()).isEqualTo(3);
        assertThat(json.get("status").asText()).isEqualTo("error");
        assertThat(json.get("error").asText()).isEqualTo("goal");
        assertThat(json.get("message").asText()).contains("vip");
    }

    @Test
    void messagesQuotingTheSendersTextStayValidJson() throws Exception {
        PostbackResult result = fx.create("token=12-abc&click=j4&goal=" + java.net.URLEncoder.encode(
                "a\"b\\c</script>\u2028é😀", java.nio.charset.StandardCharsets.UTF_8));

        JsonNode json = parse(result);
        assertThat(json.get("error").asText()).isEqualTo("goal");
        assertThat(json.get("message").asText()).contains("a\"b\\c</script>").contains("é");
        assertThat(result.toJson()).as("line separators break JavaScript consumers").doesNotContain("\u2028");
    }

    @Test
    void amountsShowAtLeastTheCurrencysMinorDigitsAndNoMoreThanNeeded() throws Exception {
        assertThat(parse(fx.create("token=12-abc&click=j5&pay=7")).get("payout").asText()).isEqualTo("7.00");
        assertThat(parse(fx.create("token=12-abc&click=j6&pay=0.12345678")).get("payout").asText()).isEqualTo("0.12345678");
        assertThat(parse(fx.create("token=13-xyz&click=j7")).get("currency").asText()).isEqualTo("USD");
    }

    @Test
    void strictModeMapsAppliedResultsTo2xx() {
        PostbackResult created = fx.create("token=12-abc&click=j8&exto=o");
        PostbackResult duplicate = fx.create("token=12-abc&click=j8&exto=o");

        assertThat(created.strictHttpStatus()).isEqualTo(201);
        assertThat(duplicate.strictHttpStatus()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void strictModeMapsErrorsTo4xxAndStorageFailuresTo5xx(ErrorCode code) {
        int status = new PostbackResult.Rejected(code, "m").strictHttpStatus();

        if (code == ErrorCode.STORE) {
            assertThat(status).isBetween(500, 599);
        } else {
            assertThat(status).isBetween(400, 499);
        }
    }

    @Test
    void strictModeSaysNotFoundForAMissingLeadAndUnauthorizedForABadToken() {
        assertThat(fx.status("token=12-abc&click=none&status=ok").strictHttpStatus()).isEqualTo(404);
        assertThat(fx.create("token=12-bad&click=x").strictHttpStatus()).isEqualTo(401);
        assertThat(fx.create("token=12-abc&click=x&goal=vip").strictHttpStatus()).isEqualTo(400);
    }

    @Test
    void aResultIsAValueThatCannotBeBuiltInconsistently() {
        Lead lead = fx.leadOf(fx.create("token=12-abc&click=j9"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PostbackResult.Applied(Outcome.REJECTED, lead))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PostbackResult.Rejected(ErrorCode.GOAL, null))
                .isInstanceOf(NullPointerException.class);
    }
}

package io.postback;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.model.Action;
import io.postback.model.ErrorCode;
import io.postback.model.Lead;
import io.postback.model.Money;
import io.postback.model.Outcome;
import io.postback.model.Status;
import io.postback.testing.EngineFixture;
import io.postback.testing.StoreSnapshot;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The per-parameter formats of rules §1, repeated parameters and unsubstituted macros. */
class ParameterFormatTest {

    private final EngineFixture fx = EngineFixture.standard();

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private PostbackResult.Rejected rejected(Action action, String query) {
        StoreSnapshot before = fx.snapshot();
        PostbackResult result = fx.handle(PostbackRequest.fromQuery(action, query));
        assertThat(result).as(query).isInstanceOf(PostbackResult.Rejected.class);
        assertThat(fx.snapshot().sameLeadsAs(before)).as("a rejected postback changes no lead").isTrue();
        return (PostbackResult.Rejected) result;
    }

    private ErrorCode createRejection(String query) {
        return rejected(Action.CREATE, query).code();
    }

    @Nested
    class ClickAndExto {

        @Test
        void oneHundredTwentyEightCharactersAreAccepted() {
            String id = "k".repeat(128);
            Lead lead = fx.leadOf(fx.create("token=12-abc&click=" + id + "&exto=" + id));

            assertThat(lead.click()).contains(id);
            assertThat(lead.exto()).contains(id);
        }

        @Test
        void oneMoreIsRejected() {
            assertThat(createRejection("token=12-abc&click=" + "k".repeat(129))).isEqualTo(ErrorCode.PARAM);
            assertThat(createRejection("token=12-abc&click=k&exto=" + "e".repeat(129))).isEqualTo(ErrorCode.PARAM);
        }

        @Test
        void spacesAndNonAsciiTextAreCharactersLikeAnyOther() {
            Lead lead = fx.leadOf(fx.create("token=12-abc&click=" + enc("клик 1") + "&exto=" + enc("заказ #7")));

            assertThat(lead.click()).contains("клик 1");
            assertThat(lead.exto()).contains("заказ #7");
        }

        @ParameterizedTest
        @ValueSource(strings = {"%00", "%01", "%09", "%0A", "%0D", "%1F", "%7F", "%C2%80", "%C2%85", "%C2%9F"})
        void controlCharactersAreRejected(String control) {
            assertThat(createRejection("token=12-abc&click=a" + control + "b")).isEqualTo(ErrorCode.PARAM);
            assertThat(createRejection("token=12-abc&click=a&exto=o" + control)).isEqualTo(ErrorCode.PARAM);
        }
    }

    @Nested
    class FlowAndCode {

        @ParameterizedTest
        @ValueSource(strings = {"0", "-1", "+5", "12a", "1.5", "0x10", "99999999999999999999", " 1234"})
        void aFlowIsAPositiveInteger(String flow) {
            assertThat(createRejection("token=12-abc&flow=" + enc(flow))).isEqualTo(ErrorCode.PARAM);
        }

        @Test
        void leadingZerosStillNameTheFlow() {
            assertThat(fx.leadOf(fx.create("token=12-abc&flow=01234")).flowId()).hasValue(1234);
        }

        @Test
        void anUnknownFlowIsAFlowError() {
            assertThat(createRejection("token=12-abc&flow=999")).isEqualTo(ErrorCode.FLOW);
        }

        @ParameterizedTest
        @ValueSource(strings = {"5FAC D4E8", "5FAC.D4E8", "5FAC/D4E8", "ÄFAC-D4E8", "5FAC-D4E8!"})
        void aCodeHoldsOnlyLettersDigitsUnderscoresAndDashes(String code) {
            assertThat(createRejection("token=12-abc&code=" + enc(code))).isEqualTo(ErrorCode.PARAM);
        }

        @Test
        void aCodeIsAtMostSixtyFourCharacters() {
            assertThat(createRejection("token=12-abc&code=" + "A".repeat(64))).isEqualTo(ErrorCode.FLOW);
            assertThat(createRejection("token=12-abc&code=" + "A".repeat(65))).isEqualTo(ErrorCode.PARAM);
        }

        @Test
        void codesAreCaseSensitiveAsTheCatalogHasThem() {
            assertThat(createRejection("token=12-abc&code=5fac-d4e8")).isEqualTo(ErrorCode.FLOW);
        }

        @Test
        void aFlowAndACodeNamingDifferentFlowsAreAFlowError() {
            assertThat(createRejection("token=12-abc&flow=1235&code=5FAC-D4E8")).isEqualTo(ErrorCode.FLOW);
        }

        @Test
        void aFlowAndTheCodeOfTheSameFlowAgree() {
            assertThat(fx.leadOf(fx.create("token=12-abc&flow=1234&code=5FAC-D4E8")).flowId()).hasValue(1234);
        }
    }

    @Nested
    class StatusAndLists {

        @Test
        void aStatusWordOfSixtyFourCharactersIsAWord() {
            String word = "w".repeat(64);
            Lead lead = fx.leadOf(fx.create("token=12-abc&click=s1&status=" + word + "&sta=" + word));

            assertThat(lead.status()).isEqualTo(Status.APPROVE);
        }

        @Test
        void aLongerStatusIsAParameterError() {
            String word = "w".repeat(65);
            assertThat(createRejection("token=12-abc&click=s1&status=" + word + "&sta=" + word)).isEqualTo(ErrorCode.PARAM);
        }

        @Test
        void aStatusWithAControlCharacterIsAParameterError() {
            assertThat(createRejection("token=12-abc&click=s1&status=appro%0Aved")).isEqualTo(ErrorCode.PARAM);
        }

        @Test
        void aListWithAControlCharacterIsAParameterError() {
            assertThat(createRejection("token=12-abc&click=s1&status=ok&stc=x%09y")).isEqualTo(ErrorCode.PARAM);
        }
    }

    @Nested
    class Auto {

        @Test
        void zeroMeansNoAutoCreation() {
            assertThat(rejected(Action.STATUS, "token=12-abc&click=a1&status=approved&auto=0").code()).isEqualTo(ErrorCode.LEAD);
        }

        @ParameterizedTest
        @ValueSource(strings = {"2", "true", "yes", "01", "-1"})
        void onlyZeroOrOneAreAccepted(String auto) {
            assertThat(rejected(Action.STATUS, "token=12-abc&click=a1&status=approved&auto=" + auto).code())
                    .isEqualTo(ErrorCode.PARAM);
        }
    }

    @Nested
    class Goal {

        @Test
        void aGoalNameIsAtMostSixtyFourCharacters() {
            assertThat(createRejection("token=12-abc&click=g1&goal=" + "g".repeat(64))).isEqualTo(ErrorCode.GOAL);
            assertThat(createRejection("token=12-abc&click=g1&goal=" + "g".repeat(65))).isEqualTo(ErrorCode.PARAM);
        }
    }

    @Nested
    class Amounts {

        @ParameterizedTest
        @CsvSource(delimiter = ';', value = {
            "10; 10", "10.5; 10.5", "10%2C5; 10.5", "0; 0", "0.00000001; 0.00000001", "007.50; 7.5",
            "1000000000000; 1000000000000", "999999999999.99999999; 999999999999.99999999"})
        void acceptedAmounts(String pay, String expected) {
            Lead lead = fx.leadOf(fx.create("token=12-abc&click=m1&pay=" + pay + "&wm=" + pay));

            assertThat(lead.state().payout()).isEqualTo(Money.of(expected, "EUR"));
            assertThat(lead.state().commission()).isEqualTo(Money.of(expected, "EUR"));
        }

        @ParameterizedTest
        @ValueSource(strings = {".5", "5.", "5,", ",5", "-1", "%2B1", "1e3", "1E3", "1%2C000.00", "1.000%2C00", "1.2.3",
            "1.123456789", "1000000000000.01", "1000000000001", "abc", "%201", "1%20", "NaN", "Infinity", "%D9%A1"})
        void rejectedAmounts(String amount) {
            assertThat(createRejection("token=12-abc&click=m1&pay=" + amount)).as("pay=%s", amount).isEqualTo(ErrorCode.AMOUNT);
            assertThat(createRejection("token=12-abc&click=m1&wm=" + amount)).as("wm=%s", amount).isEqualTo(ErrorCode.AMOUNT);
        }

        @Test
        void theMessageNamesTheParameterAndTheValue() {
            PostbackResult.Rejected r = rejected(Action.CREATE, "token=12-abc&click=m1&wm=1e3");

            assertThat(r.message()).contains("'wm'").contains("1e3");
        }
    }

    @Nested
    class Currency {

        @ParameterizedTest
        @ValueSource(strings = {"EUR", "eur", "Eur"})
        void codesAreCaseInsensitive(String cc) {
            Lead lead = fx.leadOf(fx.create("token=12-abc&click=c1&pay=12&cc=" + cc));

            assertThat(lead.state().payout()).isEqualTo(Money.of("12", "EUR"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"EURO", "EU", "E1R", "ZZZ", "%E2%82%AC", "eur%20"})
        void anythingButAnIso4217CodeIsACurrencyError(String cc) {
            assertThat(createRejection("token=12-abc&click=c1&pay=12&cc=" + cc)).isEqualTo(ErrorCode.CURRENCY);
        }
    }

    @Nested
    class Time {

        @Test
        void unixSecondsAreTheAdvertisersEventTime() {
            Lead lead = fx.leadOf(fx.create("token=12-abc&click=t1&time=1700000000"));

            assertThat(lead.state().advertiserTime()).contains(Instant.ofEpochSecond(1_700_000_000L));
        }

        @ParameterizedTest
        @ValueSource(strings = {"-1", "1.5", "abc", "1700000000000", "2024-01-01T00:00:00Z"})
        void anythingElseIsAParameterError(String time) {
            assertThat(createRejection("token=12-abc&click=t1&time=" + enc(time))).isEqualTo(ErrorCode.PARAM);
        }
    }

    @Nested
    class Comment {

        @Test
        void aCommentKeepsTabsAndLineBreaks() {
            Lead lead = fx.leadOf(fx.create("token=12-abc&click=n1&comment=line+1%0D%0A%09line+2"));

            assertThat(lead.state().comment()).contains("line 1\r\n\tline 2");
        }

        @Test
        void aCommentIsAtMost1024Characters() {
            assertThat(fx.leadOf(fx.create("token=12-abc&click=n1&comment=" + "c".repeat(1024))).state().comment())
                    .hasValueSatisfying(c -> assertThat(c).hasSize(1024));
            assertThat(createRejection("token=12-abc&click=n1&comment=" + "c".repeat(1025))).isEqualTo(ErrorCode.PARAM);
        }

        @ParameterizedTest
        @ValueSource(strings = {"%00", "%07", "%1B", "%7F", "%C2%85"})
        void otherControlCharactersAreRejected(String control) {
            assertThat(createRejection("token=12-abc&click=n1&comment=a" + control)).isEqualTo(ErrorCode.PARAM);
        }
    }

    @Nested
    class RepeatedParameters {

        @Test
        void aParameterRepeatedWithTheSameValueIsAccepted() {
            PostbackResult result = fx.create("token=12-abc&click=r1&goal=dep&goal=dep&token=12-abc");

            assertThat(fx.leadOf(result).state().goal()).isEqualTo("dep");
        }

        @ParameterizedTest
        @ValueSource(strings = {"click=r1&click=r2", "exto=a&exto=b", "goal=reg&goal=dep", "pay=1&pay=2",
            "status=ok&status=approved", "token=13-xyz", "goal=dep&goal=deposit"})
        void aParameterRepeatedWithDifferentValuesIsRejected(String repeated) {
            PostbackResult.Rejected r = rejected(Action.CREATE, "token=12-abc&click=r1&" + repeated);

            assertThat(r.code()).isEqualTo(ErrorCode.PARAM);
            String name = repeated.substring(0, repeated.indexOf('='));
            assertThat(r.message()).contains("'" + name + "'");
        }
    }

    @Nested
    class Macros {

        @ParameterizedTest
        @CsvSource(delimiter = ';', value = {
            "click=%7Bclick%7D; {click}",
            "click=c1&exto=%7Blead_id%7D; {lead_id}",
            "click=c1&exto=%7B%7Blead_id%7D%7D; {{lead_id}}",
            "click=c1&pay=%24%7Bpayout%7D; ${payout}",
            "click=c1&cc=%7Bcurrency%7D; {currency}",
            "click=c1&goal=%7Bgoal%7D; {goal}",
            "click=c1&status=%7Bstatus%7D; {status}",
            "click=c1&status=ok&sta=lead_ok%2C%7Bapprove%7D; {approve}",
            "click=c1&comment=order+%7Border_id%7D+paid; {order_id}",
            "click=sub-%7Bclick_id%7D-x; {click_id}",
            "flow=%7Bflow%7D; {flow}",
            "code=%7Bcode%7D; {code}",
            "click=c1&time=%7Btimestamp%7D; {timestamp}",
        })
        void anUnsubstitutedMacroInAKnownParameterIsRejectedByName(String params, String macro) {
            PostbackResult.Rejected r = rejected(Action.CREATE, "token=12-abc&" + params);

            assertThat(r.code()).isEqualTo(ErrorCode.PARAM);
            assertThat(r.message()).contains(macro);
        }

        @Test
        void aMacroInTheStatusPostbackIsRejectedToo() {
            fx.create("token=12-abc&click=c2");

            PostbackResult.Rejected r = rejected(Action.STATUS, "token=12-abc&click=c2&status=%7Bstatus%7D");

            assertThat(r.code()).isEqualTo(ErrorCode.PARAM);
            assertThat(r.message()).contains("{status}");
        }

        @Test
        void bracesThatAreNotAMacroAreText() {
            Lead lead = fx.leadOf(fx.create("token=12-abc&click=c3&comment=" + enc("json {} and { spaced } and {a b}")));

            assertThat(lead.state().comment()).contains("json {} and { spaced } and {a b}");
        }

        @Test
        void unknownParametersAreNotCheckedForMacros() {
            assertThat(fx.create("token=12-abc&click=c4&sub1=%7Bsub1%7D").outcome()).isEqualTo(Outcome.CREATED);
        }
    }
}

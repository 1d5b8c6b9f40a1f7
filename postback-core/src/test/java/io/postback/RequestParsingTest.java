package io.postback;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.model.Action;
import io.postback.model.ErrorCode;
import io.postback.model.Lead;
import io.postback.model.Money;
import io.postback.model.Outcome;
import io.postback.testing.EngineFixture;
import io.postback.testing.StoreSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rules §1 (the shapes a request arrives in, decoding) and the limits of rules §9.11. */
class RequestParsingTest {

    private final EngineFixture fx = EngineFixture.standard();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private ErrorCode rejection(PostbackResult result) {
        assertThat(result).isInstanceOf(PostbackResult.Rejected.class);
        return ((PostbackResult.Rejected) result).code();
    }

    private ErrorCode rejectsWithoutChange(PostbackRequest request) {
        StoreSnapshot before = fx.snapshot();
        PostbackResult result = fx.handle(request);
        assertThat(fx.snapshot().sameLeadsAs(before)).as("a rejected postback changes no lead").isTrue();
        return rejection(result);
    }

    @Nested
    class QueryStrings {

        @Test
        void aQueryWithOrWithoutItsQuestionMarkIsTheSame() {
            Lead plain = fx.leadOf(fx.create("token=12-abc&click=q1&goal=dep"));
            Lead withMark = fx.leadOf(fx.create("?token=12-abc&click=q2&goal=dep"));

            assertThat(plain.state().goal()).isEqualTo("dep");
            assertThat(withMark.state().goal()).isEqualTo("dep");
        }

        @Test
        void valuesArePercentDecodedAsUtf8AndPlusIsASpace() {
            Lead lead = fx.leadOf(fx.create("token=12-abc&click=a%2Fb%26c&comment=Caf%C3%A9+au+lait%20%E2%82%AC"));

            assertThat(lead.click()).contains("a/b&c");
            assertThat(lead.state().comment()).contains("Café au lait €");
        }

        @Test
        void namesArePercentDecodedToo() {
            Lead lead = fx.leadOf(fx.create("token=12-abc&cl%69ck=q3&%67oal=ftd"));

            assertThat(lead.click()).contains("q3");
            assertThat(lead.state().goal()).isEqualTo("dep");
        }

        @ParameterizedTest
        @ValueSource(strings = {"click=%", "click=%4", "click=%zz", "click=%G1", "click=ab%2", "cl%6=x&click=q", "click=%%41"})
        void malformedPercentEncodingIsRejected(String part) {
            assertThat(rejectsWithoutChange(PostbackRequest.fromQuery(Action.CREATE, "token=12-abc&" + part)))
                    .isEqualTo(ErrorCode.PARAM);
        }

        @ParameterizedTest
        @ValueSource(strings = {"%C3%28", "%80", "%C0%AF", "%E2%82", "%ED%A0%80", "%F8%88%80%80%80", "%FF"})
        void invalidUtf8IsRejectedNotGuessed(String encoded) {
            assertThat(rejectsWithoutChange(PostbackRequest.fromQuery(Action.CREATE, "token=12-abc&click=q" + encoded)))
                    .isEqualTo(ErrorCode.PARAM);
        }

        @Test
        void invalidUtf8InAnUnknownParameterIsRejectedAsWell() {
            assertThat(rejectsWithoutChange(PostbackRequest.fromQuery(Action.CREATE, "token=12-abc&click=q&sub1=%C3%28")))
                    .isEqualTo(ErrorCode.PARAM);
        }
    }

    @Nested
    class FormBodies {

        @Test
        void aFormBodyCarriesTheSameParameters() {
            PostbackResult result = fx.handle(PostbackRequest.fromForm(Action.CREATE,
                    bytes("token=12-abc&click=f1&exto=o-1&goal=deposit&pay=12%2C5")));

            Lead lead = fx.leadOf(result);
            assertThat(lead.exto()).contains("o-1");
            assertThat(lead.state().goal()).isEqualTo("dep");
            assertThat(lead.state().payout()).isEqualTo(Money.of("12.5", "EUR"));
        }

        @Test
        void rawUtf8InAFormBodyIsReadAsUtf8() {
            PostbackResult result = fx.handle(PostbackRequest.fromForm(Action.CREATE,
                    bytes("token=12-abc&click=f2&comment=Café")));

            assertThat(fx.leadOf(result).state().comment()).contains("Café");
        }

        @Test
        void rawBytesThatAreNotUtf8InAFormBodyAreRejected() {
            byte[] body = {'t', 'o', 'k', 'e', 'n', '=', '1', '2', '-', 'a', 'b', 'c', '&', 'c', 'l', 'i', 'c', 'k', '=',
                (byte) 0xC3, (byte) 0x28};

            assertThat(rejectsWithoutChange(PostbackRequest.fromForm(Action.CREATE, body))).isEqualTo(ErrorCode.PARAM);
        }

        @Test
        void theQueryAndTheFormBodyAreOneSetOfParameters() {
            PostbackResult result = fx.handle(PostbackRequest.fromQueryAndForm(Action.CREATE, "token=12-abc&click=f3",
                    bytes("goal=ftd&click=f3")));

            Lead lead = fx.leadOf(result);
            assertThat(lead.click()).contains("f3");
            assertThat(lead.state().goal()).isEqualTo("dep");
        }

        @Test
        void aParameterInTheQueryAndTheBodyWithDifferentValuesIsRejected() {
            PostbackRequest request = PostbackRequest.fromQueryAndForm(Action.CREATE, "token=12-abc&click=f4",
                    bytes("click=f5"));

            assertThat(rejectsWithoutChange(request)).isEqualTo(ErrorCode.PARAM);
        }
    }

    @Nested
    class JsonBodies {

        @Test
        void aFlatObjectOfStringsIsAPostback() {
            PostbackResult result = fx.handle(PostbackRequest.fromJson(Action.CREATE,
                    "{\"token\":\"12-abc\",\"click\":\"j1\",\"exto\":\"o/1\",\"goal\":\"ftd\"}"));

            Lead lead = fx.leadOf(result);
            assertThat(lead.exto()).contains("o/1");
            assertThat(lead.state().goal()).isEqualTo("dep");
        }

        @Test
        void numbersAreTakenAsTheirText() {
            PostbackResult result = fx.handle(PostbackRequest.fromJson(Action.CREATE,
                    "{\"token\":\"12-abc\",\"flow\":1234,\"exto\":98765,\"pay\":10.5,\"time\":1700000000}"));

            Lead lead = fx.leadOf(result);
            assertThat(lead.flowId()).isEqualTo(OptionalLong.of(1234));
            assertThat(lead.exto()).contains("98765");
            assertThat(lead.state().payout()).isEqualTo(Money.of("10.5", "EUR"));
        }

        @Test
        void aNumberOutsideTheAmountFormatIsAnAmountError() {
            PostbackRequest request = PostbackRequest.fromJson(Action.CREATE,
                    "{\"token\":\"12-abc\",\"click\":\"j2\",\"pay\":1e3}");

            assertThat(rejectsWithoutChange(request)).isEqualTo(ErrorCode.AMOUNT);
        }

        @Test
        void nullIsAnAbsentParameter() {
            String body = "{\"token\":\"12-abc\",\"click\":\"j3\",\"exto\":null}";
            PostbackResult first = fx.handle(PostbackRequest.fromJson(Action.CREATE, body));
            PostbackResult second = fx.handle(PostbackRequest.fromJson(Action.CREATE, body));

            // without exto every CREATE of a click alone is a new lead
            assertThat(first.outcome()).isEqualTo(Outcome.CREATED);
            assertThat(second.outcome()).isEqualTo(Outcome.CREATED);
            assertThat(fx.leadOf(first).exto()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "{\"token\":\"12-abc\",\"click\":{\"id\":\"j4\"}}",
            "{\"token\":\"12-abc\",\"click\":[\"j4\"]}",
            "[{\"token\":\"12-abc\",\"click\":\"j4\"}]",
            "\"token=12-abc&click=j4\"",
            "{\"token\":\"12-abc\",\"click\":\"j4\"",
            "{\"token\":\"12-abc\",\"click\":\"j4\"} {}",
            "{\"token\":\"12-abc\" \"click\":\"j4\"}",
            "{token:\"12-abc\",click:\"j4\"}",
            "",
        })
        void anythingButOneFlatObjectIsRejected(String body) {
            assertThat(rejectsWithoutChange(PostbackRequest.fromJson(Action.CREATE, body))).isEqualTo(ErrorCode.PARAM);
        }

        @Test
        void aRepeatedKeyWithDifferentValuesIsRejected() {
            PostbackRequest request = PostbackRequest.fromJson(Action.CREATE,
                    "{\"token\":\"12-abc\",\"click\":\"j5\",\"click\":\"j6\"}");

            assertThat(rejectsWithoutChange(request)).isEqualTo(ErrorCode.PARAM);
        }

        @Test
        void bytesThatAreNotUtf8AreRejected() {
            byte[] prefix = bytes("{\"token\":\"12-abc\",\"click\":\"j");
            for (byte[] bad : new byte[][] {{(byte) 0xC3, 0x28}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xFF}}) {
                byte[] body = new byte[prefix.length + bad.length + 2];
                System.arraycopy(prefix, 0, body, 0, prefix.length);
                System.arraycopy(bad, 0, body, prefix.length, bad.length);
                body[body.length - 2] = '"';
                body[body.length - 1] = '}';

                assertThat(rejectsWithoutChange(PostbackRequest.fromJson(Action.CREATE, body)))
                        .as("bytes %s", java.util.HexFormat.of().formatHex(bad)).isEqualTo(ErrorCode.PARAM);
            }
        }

        @Test
        void anEscapedLoneSurrogateIsNotAValue() {
            PostbackRequest request = PostbackRequest.fromJson(Action.CREATE,
                    "{\"token\":\"12-abc\",\"click\":\"j\\ud800x\"}");

            assertThat(rejectsWithoutChange(request)).isEqualTo(ErrorCode.PARAM);
        }
    }

    @Nested
    class ParameterMaps {

        @Test
        void aServletParameterMapIsTakenAsAlreadyDecoded() {
            Map<String, String[]> map = new LinkedHashMap<>();
            map.put("token", new String[] {"12-abc"});
            map.put("click", new String[] {"m%41"});
            map.put("goal", new String[] {"ftd", "ftd"});

            Lead lead = fx.leadOf(fx.handle(PostbackRequest.fromParameterMap(Action.CREATE, map)));

            assertThat(lead.click()).contains("m%41");
            assertThat(lead.state().goal()).isEqualTo("dep");
        }

        @Test
        void severalDifferentValuesForOneNameAreRejected() {
            Map<String, String[]> map = Map.of("token", new String[] {"12-abc"}, "click", new String[] {"m1", "m2"});

            assertThat(rejectsWithoutChange(PostbackRequest.fromParameterMap(Action.CREATE, map))).isEqualTo(ErrorCode.PARAM);
        }

        @Test
        void nullValuesAreAbsent() {
            Map<String, String[]> map = new LinkedHashMap<>();
            map.put("token", new String[] {"12-abc"});
            map.put("click", new String[] {"m3"});
            map.put("exto", new String[] {null});
            map.put("goal", null);

            Lead lead = fx.leadOf(fx.handle(PostbackRequest.fromParameterMap(Action.CREATE, map)));

            assertThat(lead.exto()).isEmpty();
            assertThat(lead.state().goal()).isEqualTo("reg");
        }
    }

    @Nested
    class Limits {

        private String queryOfLength(int length) {
            String base = "token=12-abc&click=l1&sub1=";
            return base + "x".repeat(length - base.length());
        }

        @Test
        void eightKibOfParametersAreAccepted() {
            assertThat(fx.create(queryOfLength(8 * 1024)).outcome()).isEqualTo(Outcome.CREATED);
        }

        @Test
        void oneByteMoreIsRejected() {
            assertThat(rejectsWithoutChange(PostbackRequest.fromQuery(Action.CREATE, queryOfLength(8 * 1024 + 1))))
                    .isEqualTo(ErrorCode.PARAM);
        }

        @Test
        void theByteLimitHoldsForFormJsonAndParameterMapsToo() {
            String padding = "x".repeat(8 * 1024);
            assertThat(rejectsWithoutChange(PostbackRequest.fromForm(Action.CREATE,
                    bytes("token=12-abc&click=l2&sub1=" + padding)))).isEqualTo(ErrorCode.PARAM);
            assertThat(rejectsWithoutChange(PostbackRequest.fromJson(Action.CREATE,
                    "{\"token\":\"12-abc\",\"click\":\"l2\",\"sub1\":\"" + padding + "\"}"))).isEqualTo(ErrorCode.PARAM);
            assertThat(rejectsWithoutChange(PostbackRequest.fromParameterMap(Action.CREATE,
                    Map.of("token", new String[] {"12-abc"}, "click", new String[] {"l2"}, "sub1", new String[] {padding}))))
                    .isEqualTo(ErrorCode.PARAM);
        }

        private String queryWithParameters(int count) {
            StringBuilder q = new StringBuilder("token=12-abc&click=l3");
            for (int i = 3; i <= count; i++) {
                q.append("&sub").append(i).append('=').append(i);
            }
            return q.toString();
        }

        @Test
        void sixtyFourParametersAreAccepted() {
            assertThat(fx.create(queryWithParameters(64)).outcome()).isEqualTo(Outcome.CREATED);
            assertThat(fx.lastJournal().params()).hasSize(64);
        }

        @Test
        void sixtyFiveParametersAreRejected() {
            assertThat(rejectsWithoutChange(PostbackRequest.fromQuery(Action.CREATE, queryWithParameters(65))))
                    .isEqualTo(ErrorCode.PARAM);
        }

        @Test
        void theParameterCountLimitHoldsForJsonToo() {
            StringBuilder json = new StringBuilder("{\"token\":\"12-abc\",\"click\":\"l4\"");
            for (int i = 3; i <= 65; i++) {
                json.append(",\"sub").append(i).append("\":").append(i);
            }
            json.append('}');

            assertThat(rejectsWithoutChange(PostbackRequest.fromJson(Action.CREATE, json.toString())))
                    .isEqualTo(ErrorCode.PARAM);
        }
    }

    @Nested
    class UnknownAndEmptyParameters {

        @Test
        void unknownParametersAreIgnoredByTheRulesButJournaled() {
            PostbackResult result = fx.create("token=12-abc&click=u1&sub1=plainvalue&sub2=%7Bnot_filled%7D&flag");

            assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
            assertThat(fx.lastJournal().params())
                    .containsEntry("sub1", List.of("plainvalue"))
                    .containsEntry("sub2", List.of("{not_filled}"))
                    .containsEntry("flag", List.of(""));
        }

        @Test
        void aRepeatedUnknownParameterIsJournaledWithAllItsValues() {
            fx.create("token=12-abc&click=u2&sub1=a&sub1=b");

            assertThat(fx.lastJournal().params()).containsEntry("sub1", List.of("a", "b"));
        }

        @Test
        void anEmptyExtoIsNoExto() {
            PostbackResult first = fx.create("token=12-abc&click=u3&exto=");
            PostbackResult second = fx.create("token=12-abc&click=u3&exto=");

            assertThat(first.outcome()).isEqualTo(Outcome.CREATED);
            assertThat(second.outcome()).isEqualTo(Outcome.CREATED);
            assertThat(fx.leadOf(first).exto()).isEmpty();
        }

        @Test
        void anEmptyClickLeavesTheFlowToIdentifyTheLead() {
            Lead lead = fx.leadOf(fx.create("token=12-abc&click=&flow=1234&goal="));

            assertThat(lead.click()).isEmpty();
            assertThat(lead.flowId()).isEqualTo(OptionalLong.of(1234));
            assertThat(lead.state().goal()).isEqualTo("reg");
        }

        @Test
        void anEmptyTokenIsAMissingToken() {
            assertThat(rejectsWithoutChange(PostbackRequest.fromQuery(Action.CREATE, "token=&click=u4")))
                    .isEqualTo(ErrorCode.TOKEN);
        }
    }
}

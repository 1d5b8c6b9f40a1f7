package io.postback;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.model.Action;
import io.postback.model.ErrorCode;
import io.postback.model.Outcome;
import io.postback.testing.EngineFixture;
import io.postback.testing.StoreSnapshot;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;

/**
 * Rules §8: whatever arrives, {@code handle} answers. Arbitrary text and bytes as query strings,
 * form bodies, JSON and parameter maps never make it throw; a rejection has a code and a message
 * and changed no lead; and a postback without a valid token is always rejected.
 */
class PostbackParsingProperties {

    private static final List<String> KNOWN = List.of("token", "click", "exto", "flow", "code", "status", "sta", "stc",
            "stt", "sth", "stw", "stn", "auto", "goal", "pay", "wm", "cc", "time", "comment", "sig");

    /** A processor with a few leads for STATUS postbacks to find. */
    private static EngineFixture seeded() {
        EngineFixture fx = EngineFixture.standard();
        fx.create("token=12-abc&click=c1&exto=e1");
        fx.create("token=12-abc&click=c2&status=approved");
        fx.create("token=13-xyz&click=c1&exto=e1");
        fx.create("token=12-abc&flow=1234&exto=e1");
        return fx;
    }

    /**
     * Handles the request and checks what must hold for any input.
     *
     * @param hasValidToken false when the input certainly carries no valid token
     */
    private static PostbackResult handleSafely(EngineFixture fx, PostbackRequest request, boolean hasValidToken) {
        StoreSnapshot before = fx.snapshot();

        PostbackResult result = fx.handle(request);

        assertThat(result).isNotNull();
        assertThat(result.outcome()).isNotNull();
        assertThat(result.toJson()).startsWith("{\"status\":");
        StoreSnapshot after = fx.snapshot();
        assertThat(after.journalSize()).as("one journal entry per postback").isEqualTo(before.journalSize() + 1);
        if (result instanceof PostbackResult.Rejected r) {
            assertThat(r.code()).isNotNull();
            assertThat(r.message()).isNotBlank();
            assertThat(after.sameLeadsAs(before)).as("a rejected postback changed the store").isTrue();
        } else {
            assertThat(hasValidToken).as("accepted without a valid token: " + result.toJson()).isTrue();
            assertThat(result.lead()).isPresent();
        }
        if (!hasValidToken) {
            assertThat(result.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(((PostbackResult.Rejected) result).code())
                    .isIn(ErrorCode.PARAM, ErrorCode.TOKEN, ErrorCode.AMOUNT, ErrorCode.CURRENCY);
        }
        return result;
    }

    private static boolean mayHoldAToken(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("12-abc") || lower.contains("13-xyz") || lower.contains("%");
    }

    @Property(tries = 400)
    void anyStringAsAQueryString(@ForAll("anyText") String query, @ForAll Action action) {
        handleSafely(seeded(), PostbackRequest.fromQuery(action, query), mayHoldAToken(query));
    }

    @Property(tries = 300)
    void anyBytesAsAFormBody(@ForAll("anyBytes") byte[] body, @ForAll Action action) {
        handleSafely(seeded(), PostbackRequest.fromForm(action, body), false);
    }

    @Property(tries = 300)
    void anyBytesAsAJsonBody(@ForAll("anyBytes") byte[] body, @ForAll Action action) {
        handleSafely(seeded(), PostbackRequest.fromJson(action, body), false);
    }

    @Property(tries = 300)
    void anyStringAsAJsonBody(@ForAll("anyText") String body, @ForAll Action action) {
        handleSafely(seeded(), PostbackRequest.fromJson(action, body), body.contains("12-abc") || body.contains("13-xyz")
                || body.contains("\\u"));
    }

    @Property(tries = 600)
    void plausibleParametersInEveryShape(@ForAll("plausibleParams") List<Tuple.Tuple2<String, String>> params,
                                         @ForAll Action action, @ForAll("shapes") Shape shape) {
        boolean hasValidToken = params.stream().anyMatch(p -> p.get1().equals("token")
                && (p.get2().equals("12-abc") || p.get2().equals("13-xyz")));

        PostbackResult result = handleSafely(seeded(), shape.request(action, params), hasValidToken);

        Statistics.label("outcome").collect(result.outcome());
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check(Outcome.REJECTED).percentage(p -> p > 30);
            coverage.check(Outcome.CREATED).percentage(p -> p > 3);
        });
    }

    @Property(tries = 200)
    void anyParameterMap(@ForAll("parameterMaps") Map<String, String[]> map, @ForAll Action action) {
        handleSafely(seeded(), PostbackRequest.fromParameterMap(action, map), false);
    }

    enum Shape {
        QUERY(params -> PostbackRequest.fromQuery(Action.CREATE, encoded(params))),
        FORM(params -> PostbackRequest.fromForm(Action.CREATE, encoded(params).getBytes(StandardCharsets.UTF_8))),
        JSON(params -> PostbackRequest.fromJson(Action.CREATE, json(params))),
        MAP(params -> PostbackRequest.fromParameterMap(Action.CREATE, map(params)));

        private final Function<List<Tuple.Tuple2<String, String>>, PostbackRequest> build;

        Shape(Function<List<Tuple.Tuple2<String, String>>, PostbackRequest> build) {
            this.build = build;
        }

        PostbackRequest request(Action action, List<Tuple.Tuple2<String, String>> params) {
            PostbackRequest request = build.apply(params);
            return action == Action.CREATE ? request : switch (this) {
                case QUERY -> PostbackRequest.fromQuery(action, encoded(params));
                case FORM -> PostbackRequest.fromForm(action, encoded(params).getBytes(StandardCharsets.UTF_8));
                case JSON -> PostbackRequest.fromJson(action, json(params));
                case MAP -> PostbackRequest.fromParameterMap(action, map(params));
            };
        }

        private static String encoded(List<Tuple.Tuple2<String, String>> params) {
            List<String> parts = new ArrayList<>();
            for (Tuple.Tuple2<String, String> p : params) {
                parts.add(URLEncoder.encode(p.get1(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(p.get2(), StandardCharsets.UTF_8));
            }
            return String.join("&", parts);
        }

        private static String json(List<Tuple.Tuple2<String, String>> params) {
            StringBuilder json = new StringBuilder("{");
            for (Tuple.Tuple2<String, String> p : params) {
                if (json.length() > 1) {
                    json.append(',');
                }
                json.append(io.postback.internal.JsonText.quoted(p.get1())).append(':')
                        .append(io.postback.internal.JsonText.quoted(p.get2()));
            }
            return json.append('}').toString();
        }

        private static Map<String, String[]> map(List<Tuple.Tuple2<String, String>> params) {
            Map<String, List<String>> grouped = new LinkedHashMap<>();
            params.forEach(p -> grouped.computeIfAbsent(p.get1(), k -> new ArrayList<>()).add(p.get2()));
            Map<String, String[]> map = new LinkedHashMap<>();
            grouped.forEach((k, v) -> map.put(k, v.toArray(String[]::new)));
            return map;
        }
    }

    @Provide
    Arbitrary<Shape> shapes() {
        return Arbitraries.of(Shape.class);
    }

    @Provide
    Arbitrary<String> anyText() {
        Arbitrary<String> unicode = Arbitraries.strings().all().ofMaxLength(300);
        Arbitrary<String> urlish = Arbitraries.strings().withChars("=&%?+{}$,;token12-abcxyzclick0123456789ABCDEF\u00e9\ud83d\ude00")
                .ofMaxLength(120);
        Arbitrary<String> large = Arbitraries.strings().withChars("a=&%").ofMinLength(8000).ofMaxLength(9000);
        return Arbitraries.frequencyOf(Tuple.of(5, unicode), Tuple.of(5, urlish), Tuple.of(1, large));
    }

    @Provide
    Arbitrary<byte[]> anyBytes() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> textual = Arbitraries.strings().withChars("{}[]\":,=&%0123456789.-eE truefalsnl\\u").ofMaxLength(120)
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(random, textual);
    }

    /** Mostly valid postbacks (a token and an identification) with a few parameters added or spoilt. */
    @Provide
    Arbitrary<List<Tuple.Tuple2<String, String>>> plausibleParams() {
        Arbitrary<Tuple.Tuple2<String, String>> token = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of("12-abc", "13-xyz")),
                Tuple.of(2, Arbitraries.of("12-abd", "13-abc", "", "12", "{token}"))).map(t -> Tuple.of("token", t));
        Arbitrary<Tuple.Tuple2<String, String>> identification = Arbitraries.of(
                Tuple.of("click", "c1"), Tuple.of("click", "c2"), Tuple.of("click", "c3"), Tuple.of("exto", "e1"),
                Tuple.of("flow", "1234"), Tuple.of("code", "5FAC-D4E8"), Tuple.of("flow", "2001"));
        Arbitrary<String> names = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of(KNOWN)),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(8)),
                Tuple.of(1, Arbitraries.of("sub1", "Token", "CLICK", "")));
        Arbitrary<String> values = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of("12-abc", "13-xyz", "12-abd", "c1", "c2", "e1", "1234", "2001", "5FAC-D4E8",
                        "approved", "Lead_OK", "new", "pending", "cancelled", "1", "0", "reg", "ftd", "lead", "10.5", "10,5",
                        "EUR", "usd", "1700000000", "{click}", "${payout}", "", " ", "-1", "1e3", ".5", "0x10")),
                Tuple.of(2, Arbitraries.strings().all().ofMaxLength(20)),
                Tuple.of(1, Arbitraries.strings().withChars("\u0000\u0001\t\n\r\u007f\u0085\ud800\udc00{}$,.").ofMaxLength(10)),
                Tuple.of(1, Arbitraries.strings().alpha().ofMinLength(60).ofMaxLength(1100)));
        Arbitrary<List<Tuple.Tuple2<String, String>>> extras = Combinators.combine(names, values).as(Tuple::of).list()
                .ofMaxSize(4);
        return Combinators.combine(token, identification.list().ofMinSize(1).ofMaxSize(2), extras)
                .as((t, ids, more) -> {
                    List<Tuple.Tuple2<String, String>> params = new ArrayList<>();
                    params.add(t);
                    params.addAll(ids);
                    params.addAll(more);
                    return params;
                })
                .flatMap(Arbitraries::shuffle);
    }

    @Provide
    Arbitrary<Map<String, String[]>> parameterMaps() {
        Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.of(KNOWN), Arbitraries.strings().all().ofMaxLength(6));
        Arbitrary<String> values = Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(30), Arbitraries.just(null),
                Arbitraries.of("12-abd", "c1", "approved", "{click}"));
        Arbitrary<String[]> arrays = values.array(String[].class).ofMaxSize(3).injectNull(0.05);
        return Arbitraries.maps(names, arrays).ofMaxSize(10).map(m -> new LinkedHashMap<>(m));
    }
}

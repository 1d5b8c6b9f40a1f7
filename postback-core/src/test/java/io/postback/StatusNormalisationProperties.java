package io.postback;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.model.Action;
import io.postback.model.Status;
import io.postback.testing.EngineFixture;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Rules §4: case, punctuation and whitespace variants of a status word resolve alike, whether the
 * word is in the dictionary, in a site's aliases or in an override list, and whichever of the word
 * and the list item is the variant.
 */
class StatusNormalisationProperties {

    private static final EngineFixture FX = EngineFixture.standard();

    /** Words of the dictionary of rules §4, and site 12's aliases. */
    private static final List<String> WORDS = List.of("new", "created", "pending", "inprogress", "callback", "onhold",
            "delayed", "approved", "confirmed", "ok", "paid", "cancelled", "chargeback", "refunded", "trash", "fraud",
            "duplicate", "lead_ok", "in_review");

    /** Neither letters nor digits, nor anything else rules §1 gives a meaning to (control characters, ',', '{'). */
    private static final String NOISE = " _-.:;!?'\"/\\|()[]<>+*#@~^`&=%\u00a0\u2014\u00ab\u00bb\u3000";

    private static Status resolve(String params) {
        PostbackResult result = FX.processor.explain(PostbackRequest.fromQuery(Action.CREATE, "token=12-abc&click=n&" + params))
                .result();
        assertThat(result.isRejected()).as(params + " -> " + result.toJson()).isFalse();
        return result.lead().orElseThrow().status();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Property(tries = 400)
    void variantsOfAKnownWordResolveLikeTheWord(@ForAll("wordAndVariant") Tuple.Tuple2<String, String> pair) {
        assertThat(resolve("status=" + enc(pair.get2()))).isEqualTo(resolve("status=" + enc(pair.get1())));
    }

    @Property(tries = 300)
    void aListItemAndTheWordMatchWhicheverOfThemIsTheVariant(
            @ForAll("customWordAndVariants") Tuple.Tuple3<String, String, String> words,
            @ForAll("lists") Tuple.Tuple2<String, Status> list) {
        String inList = "other," + words.get2() + ",more";

        assertThat(resolve("status=" + enc(words.get3()) + "&" + list.get1() + "=" + enc(inList))).isEqualTo(list.get2());
    }

    @Provide
    Arbitrary<Tuple.Tuple2<String, Status>> lists() {
        return Arbitraries.of(Tuple.of("sta", Status.APPROVE), Tuple.of("stc", Status.CANCEL), Tuple.of("stt", Status.TRASH),
                Tuple.of("sth", Status.HOLD), Tuple.of("stw", Status.WAIT), Tuple.of("stn", Status.NEW));
    }

    @Provide
    Arbitrary<Tuple.Tuple2<String, String>> wordAndVariant() {
        return Arbitraries.of(WORDS).flatMap(word -> variantOf(word).map(variant -> Tuple.of(word, variant)));
    }

    @Provide
    Arbitrary<Tuple.Tuple3<String, String, String>> customWordAndVariants() {
        // words of no dictionary: letters and digits, so that only the list can resolve them
        Arbitrary<String> words = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').ofMinLength(3)
                .ofMaxLength(12).map(w -> "zq" + w);
        return words.flatMap(word -> Combinators.combine(variantOf(word), variantOf(word))
                .as((a, b) -> Tuple.of(word, a, b)));
    }

    /** The word with each letter in a random case and random noise before, between and after its characters. */
    private static Arbitrary<String> variantOf(String word) {
        Arbitrary<String> noise = Arbitraries.strings().withChars(NOISE).ofMaxLength(2);
        Arbitrary<Boolean> upper = Arbitraries.of(true, false);
        return Combinators.combine(noise.list().ofSize(word.length() + 1), upper.list().ofSize(word.length()))
                .as((gaps, cases) -> {
                    StringBuilder variant = new StringBuilder(gaps.get(0));
                    for (int i = 0; i < word.length(); i++) {
                        char c = word.charAt(i);
                        variant.append(cases.get(i) ? Character.toUpperCase(c) : c).append(gaps.get(i + 1));
                    }
                    return variant.toString();
                })
                .filter(v -> v.length() <= 64 && !v.contains("{") && !v.contains(","));
    }
}

package io.postback.examples.security;

import static io.postback.examples.security.HostileDemo.CLICK;
import static io.postback.examples.security.HostileDemo.KEY_12;
import static io.postback.examples.security.HostileDemo.KEY_13;
import static io.postback.examples.security.HostileDemo.STATUS;
import static io.postback.examples.security.HostileDemo.TOKEN_12;
import static io.postback.examples.security.HostileDemo.TOKEN_13;
import static org.assertj.core.api.Assertions.assertThat;

import io.postback.examples.security.HostileDemo.JournalRow;
import io.postback.examples.security.Wire.Param;
import io.postback.examples.testing.HttpTestClient.Response;
import io.postback.model.Lead;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tokens that are not quite right, and tokens of another offer, over HTTP (rules §2). Every wrong
 * token gets the same answer, byte for byte, whatever is wrong with it: the answer tells nothing
 * about how much of a key was right or which site ids exist. That the comparison itself takes the
 * same steps wherever the guess differs is checked structurally in postback-core's
 * {@code KeyComparisonTest} (no test here measures time).
 */
class HostileTokensTest {

    static final String TOKEN_ANSWER = "{\"status\":\"error\",\"error\":\"token\",\"message\":\"unknown or malformed token\"}";

    private static HostileDemo demo;
    private static Lead shared;

    @BeforeAll
    static void start() throws Exception {
        demo = HostileDemo.start();
        shared = demo.created(() -> demo.http.get(CLICK + "?token=" + TOKEN_12 + "&click=shared&exto=shared-1"));
        assertThat(demo.http.get(STATUS + "?token=" + TOKEN_12 + "&click=shared&exto=shared-1&status=approved").body())
                .contains("\"result\":\"updated\"");
    }

    @AfterAll
    static void stop() throws Exception {
        if (demo != null) {
            demo.close();
        }
    }

    static Stream<Arguments> nearMisses() {
        int middle = KEY_12.length() / 2;
        List<Arguments> tokens = new ArrayList<>();
        for (Object[] miss : new Object[][] {
                {"first character changed", "12-" + other(KEY_12.charAt(0)) + KEY_12.substring(1)},
                {"middle character changed", "12-" + KEY_12.substring(0, middle) + other(KEY_12.charAt(middle)) + KEY_12.substring(middle + 1)},
                {"last character changed", "12-" + KEY_12.substring(0, KEY_12.length() - 1) + other(KEY_12.charAt(KEY_12.length() - 1))},
                {"one character shorter", "12-" + KEY_12.substring(0, KEY_12.length() - 1)},
                {"one character longer", TOKEN_12 + "x"},
                {"upper-cased", "12-" + KEY_12.toUpperCase(java.util.Locale.ROOT)},
                {"empty key", "12-"},
                {"no key", "12"},
                {"site id with a leading zero", "012-" + KEY_12},
                {"key of site 13 with site id 12", "12-" + KEY_13},
                {"key of site 12 with site id 13", "13-" + KEY_12},
                {"unknown site id", "99-" + KEY_12},
                {"site id out of range", "99999999999999999999-" + KEY_12}}) {
            for (Wire wire : Wire.values()) {
                tokens.add(Arguments.of(miss[0], miss[1], wire));
            }
        }
        return tokens.stream();
    }

    @ParameterizedTest(name = "{0} via {2}")
    @MethodSource("nearMisses")
    void every_wrong_token_gets_the_same_answer_and_changes_nothing(String what, String token, Wire wire) {
        JournalRow row = demo.rejected("token", () -> wire.send(demo.http, CLICK,
                List.of(Param.of("token", token), Param.of("click", "shared"), Param.of("exto", "shared-1"))));

        assertThat(row.message()).isEqualTo("unknown or malformed token");
        assertThat(row.params()).as("the key is masked in the journal").contains("\"token\":[\"");
        Response again = wire.send(demo.http, STATUS, List.of(Param.of("token", token), Param.of("click", "shared"),
                Param.of("exto", "shared-1"), Param.of("status", "cancelled")));
        assertThat(again.body()).isEqualTo(TOKEN_ANSWER);
        assertThat(demo.server.history().lead(shared.id()).orElseThrow().status().wireName()).isEqualTo("approve");
    }

    @Test
    void all_wrong_tokens_answer_alike_so_the_answer_is_no_oracle() {
        Set<String> answers = new HashSet<>();
        nearMisses().forEach(args -> answers.add(((Wire) args.get()[2]).send(demo.http, CLICK,
                List.of(Param.of("token", (String) args.get()[1]), Param.of("click", "oracle"))).body()));
        assertThat(answers).containsExactly(TOKEN_ANSWER);
    }

    @Test
    void a_token_of_another_offer_cannot_find_or_change_this_offers_lead() {
        Lead mine = demo.created(() -> demo.http.get(CLICK + "?token=" + TOKEN_12 + "&click=only-in-1&exto=o-1"));

        demo.rejected("lead", () -> demo.http.get(STATUS + "?token=" + TOKEN_13 + "&click=only-in-1&exto=o-1&status=cancelled"));
        demo.rejected("lead", () -> demo.http.get(STATUS + "?token=" + TOKEN_13 + "&click=only-in-1&status=cancelled"));

        assertThat(demo.server.history().lead(mine.id())).contains(mine);
    }

    @Test
    void a_token_of_another_offer_creates_in_its_own_offer_never_a_duplicate_of_this_one() {
        Lead mine = demo.created(() -> demo.http.get(CLICK + "?token=" + TOKEN_12 + "&click=in-both&exto=b-1"));

        Lead other = demo.created(() -> demo.http.get(CLICK + "?token=" + TOKEN_13 + "&click=in-both&exto=b-1"));
        Lead auto = demo.created(() -> demo.http.get(STATUS + "?token=" + TOKEN_13 + "&click=in-both&exto=b-2&status=hold&auto=1"));

        assertThat(other.offerId()).isEqualTo(2);
        assertThat(other.id()).isNotEqualTo(mine.id());
        assertThat(auto.offerId()).isEqualTo(2);
        assertThat(demo.server.history().lead(mine.id())).contains(mine);
    }

    @Test
    void a_flow_of_another_offer_is_unknown_to_this_token() {
        demo.rejected("flow", () -> demo.http.get(CLICK + "?token=" + TOKEN_12 + "&flow=2001&exto=f-1"));
        demo.rejected("flow", () -> demo.http.get(CLICK + "?token=" + TOKEN_12 + "&code=OTHER-1&exto=f-1"));
        demo.created(() -> demo.http.get(CLICK + "?token=" + TOKEN_13 + "&flow=2001&exto=f-1"));
    }

    private static char other(char c) {
        return c == 'Z' ? 'Y' : 'Z';
    }
}

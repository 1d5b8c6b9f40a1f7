package io.postback.examples.security;

import static io.postback.examples.security.HostileDemo.CLICK;
import static io.postback.examples.security.HostileDemo.STATUS;
import static io.postback.examples.security.HostileDemo.TOKEN_12;
import static io.postback.examples.security.HostileDemo.TOKEN_13;
import static org.assertj.core.api.Assertions.assertThat;

import io.postback.examples.security.HostileDemo.JournalRow;
import io.postback.examples.security.HostileDemo.State;
import io.postback.examples.security.Wire.Param;
import io.postback.examples.testing.HttpTestClient.Response;
import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input over real HTTP, for every parameter the rules read, in the query string, a form
 * body and a JSON body: SQL injection, control characters, invalid UTF-8, values too long for
 * their format, 1 MiB values, thousands of parameters, repeats with different values and
 * unsubstituted macros. Each gets its documented answer (rules §1, §6, §8, §9 and the README's
 * choices); a rejected one leaves leads, ledger, outbox and seen signatures as they were and adds
 * exactly one rejected journal row; free-text parameters take hostile text as data, unchanged;
 * the tables stay; no secret appears in a log line, an answer or the journal.
 */
class HostileInputTest {

    /** Every parameter the rules read (rules §1), but {@code sig}, which only signed sites read. */
    static final List<String> PARAMS = List.of("token", "click", "exto", "flow", "code", "status", "sta", "stc", "stt",
            "sth", "stw", "stn", "auto", "goal", "pay", "wm", "cc", "time", "comment");
    /** Free text: hostile text that is printable is data, kept as sent. */
    static final Set<String> FREE_TEXT = Set.of("click", "exto", "comment", "sta", "stc", "stt", "sth", "stw", "stn");

    static final List<String> SQL = List.of("' OR '1'='1", "'; DROP TABLE pb_lead; --", "1; DELETE FROM pb_journal",
            "\" OR \"\"=\"", "\\'; DROP TABLE pb_journal; --\\\\", "x' UNION SELECT site_key, signing_secret FROM pb_site --");
    static final Map<String, byte[]> CONTROL = Map.of("NUL", bytes(0x00), "SOH", bytes(0x01), "US", bytes(0x1F),
            "DEL", bytes(0x7F), "C1 U+0080", bytes(0xC2, 0x80));
    static final Map<String, byte[]> INVALID_UTF8 = Map.of("C3 28 (truncated sequence)", bytes(0xC3, 0x28),
            "ED A0 80 (encoded surrogate)", bytes(0xED, 0xA0, 0x80), "C0 AF (overlong '/')", bytes(0xC0, 0xAF),
            "FF (never in UTF-8)", bytes(0xFF));
    static final List<String> MACROS = List.of("{click}", "{{lead_id}}", "${payout}");
    static final int ONE_MEBIBYTE = 1024 * 1024;
    static final String EXCEEDED = "parameters exceed 8192 bytes";
    /** A body declared over the servlet's 9 KiB read limit is answered before a byte of it is read. */
    static final String NOT_READ = "body is over the 8 KiB limit of parameters: not read";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static HostileDemo demo;

    /** One kind of hostile input, and the parameters it puts in place of the one under test. */
    enum Kind {
        SQL, CONTROL, INVALID_UTF8, MACRO, REPEATED, TOO_LONG_FOR_ITS_FORMAT, ONE_MEBIBYTE, THOUSANDS
    }

    record Hostile(Kind kind, String label, List<byte[]> values) {
        List<Param> params(String name) {
            return values.stream().map(v -> new Param(name, v)).toList();
        }

        @Override
        public String toString() {
            return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + label;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        demo = HostileDemo.start();
        // Something for hostile input to damage: an approved lead with its ledger, and a lead of the other offer.
        demo.created(() -> demo.http.get(CLICK + "?token=" + TOKEN_12 + "&click=seed&exto=seed-1"));
        assertThat(demo.http.get(STATUS + "?token=" + TOKEN_12 + "&click=seed&exto=seed-1&status=approved").body())
                .contains("\"result\":\"updated\"");
        demo.created(() -> demo.http.get(CLICK + "?token=" + TOKEN_13 + "&click=seed&exto=seed-1"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (demo != null) {
            demo.close();
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String param : PARAMS) {
            for (Hostile hostile : hostile(param)) {
                for (Wire wire : Wire.values()) {
                    cases.add(Arguments.of(param, hostile, wire));
                }
            }
        }
        return cases.stream();
    }

    static List<Hostile> hostile(String param) {
        List<Hostile> all = new ArrayList<>();
        SQL.forEach(sql -> all.add(new Hostile(Kind.SQL, sql, List.of(utf8(sql)))));
        CONTROL.forEach((name, c) -> all.add(new Hostile(Kind.CONTROL, name, List.of(concat(utf8("ab"), c, utf8("cd"))))));
        INVALID_UTF8.forEach((name, b) -> all.add(new Hostile(Kind.INVALID_UTF8, name, List.of(concat(utf8("ab"), b, utf8("cd"))))));
        MACROS.forEach(macro -> all.add(new Hostile(Kind.MACRO, macro, List.of(utf8(macro)))));
        all.add(new Hostile(Kind.REPEATED, "with different values", param.equals("token")
                ? List.of(utf8(TOKEN_12), utf8(TOKEN_13)) : List.of(utf8("1"), utf8("2"))));
        all.add(new Hostile(Kind.TOO_LONG_FOR_ITS_FORMAT, "2000 digits", List.of(utf8("7".repeat(2000)))));
        all.add(new Hostile(Kind.ONE_MEBIBYTE, "value", List.of(utf8("x".repeat(ONE_MEBIBYTE)))));
        all.add(new Hostile(Kind.THOUSANDS, "5000 times", Collections.nCopies(5000, utf8("1"))));
        return all;
    }

    /**
     * The documented answer: the code, and for some kinds the exact message; an empty code means
     * the value is data and the lead is created.
     */
    record Expected(Optional<String> code, Optional<String> message) {
        static Expected accepted() {
            return new Expected(Optional.empty(), Optional.empty());
        }

        static Expected rejected(String code) {
            return new Expected(Optional.of(code), Optional.empty());
        }

        static Expected rejected(String code, String message) {
            return new Expected(Optional.of(code), Optional.of(message));
        }
    }

    static Expected expected(String param, Hostile hostile, Wire wire) {
        return switch (hostile.kind()) {
            // rules §1: malformed encoding is rejected, never guessed; §9: 8 KiB of parameters at most.
            case INVALID_UTF8 -> Expected.rejected("param", "a parameter is not valid UTF-8");
            case ONE_MEBIBYTE, THOUSANDS -> Expected.rejected("param", tooMany(wire));
            // rules §1: a repeat with different values and an unfilled macro are `param`, naming them.
            case REPEATED -> Expected.rejected("param", "parameter '" + param + "' is repeated with different values");
            case MACRO -> Expected.rejected("param", "parameter '" + param + "' holds the unsubstituted macro " + hostile.label()
                    + ": the sender did not fill it in");
            // rules §6: anything but an amount is `amount`; an unknown currency `currency`. README 2: the rest `param`.
            case CONTROL, TOO_LONG_FOR_ITS_FORMAT -> switch (param) {
                case "pay", "wm" -> Expected.rejected("amount");
                case "cc" -> Expected.rejected("currency");
                default -> Expected.rejected("param");
            };
            case SQL -> switch (param) {
                case "token" -> Expected.rejected("token", "unknown or malformed token");
                case "status" -> Expected.rejected("status");
                case "goal" -> Expected.rejected("goal");
                case "pay", "wm" -> Expected.rejected("amount");
                case "cc" -> Expected.rejected("currency");
                case "flow", "code", "auto", "time" -> Expected.rejected("param");
                default -> {
                    assertThat(FREE_TEXT).contains(param);
                    yield Expected.accepted();
                }
            };
        };
    }

    @ParameterizedTest(name = "{0}: {1} via {2}")
    @MethodSource("cases")
    void every_hostile_value_of_every_parameter_gets_its_documented_answer(String param, Hostile hostile, Wire wire) {
        int n = SEQUENCE.incrementAndGet();
        List<Param> params = new ArrayList<>(List.of(Param.of("token", TOKEN_12), Param.of("click", "h-" + n),
                Param.of("exto", "e-" + n)));
        params.removeIf(p -> p.name().equals(param));
        params.addAll(hostile.params(param));
        State before = demo.state();

        if (hostile.kind() == Kind.ONE_MEBIBYTE && wire == Wire.QUERY) {
            // Jetty refuses a request line over 64 KiB before the processor sees it: a clear 414, nothing journaled.
            Response refused = Wire.oversizedGet(demo.server.port(), CLICK + "?" + Wire.urlEncoded(params));
            assertThat(refused.status()).isEqualTo(414);
            assertThat(refused.body()).contains("URI Too Long").doesNotContain("h-" + n);
            demo.assertUntouched(before);
            return;
        }
        Response response = wire.send(demo.http, CLICK, params);

        Expected expected = expected(param, hostile, wire);
        if (expected.code().isEmpty()) {
            String value = new String(hostile.values().get(0), StandardCharsets.UTF_8);
            Lead lead = demo.assertCreated(response, before);
            assertRoundTrip(param, value, lead);
            return;
        }
        JournalRow row = demo.assertRejected(response, expected.code().get(), before);
        if (expected.message().isPresent()) {
            assertThat(row.message()).isEqualTo(expected.message().get());
        } else if (!param.equals("cc") && !param.equals("status") && !param.equals("goal")) {
            assertThat(row.message()).as("the message names the parameter").contains("'" + param + "'");
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void five_thousand_unknown_parameters_are_too_many_bytes(Wire wire) {
        List<Param> params = new ArrayList<>(List.of(Param.of("token", TOKEN_12), Param.of("click", "many-" + wire)));
        for (int i = 0; i < 5000; i++) {
            params.add(Param.of("x", "1"));
        }
        JournalRow row = demo.rejected("param", () -> wire.send(demo.http, CLICK, params));
        assertThat(row.message()).isEqualTo(tooMany(wire));
    }

    /** Too many bytes: counted by the processor in a query; in a body of these sizes, over the read limit, refused unread. */
    private static String tooMany(Wire wire) {
        return wire == Wire.QUERY ? EXCEEDED : NOT_READ;
    }

    /**
     * The servlet answers at once and reads and drops the rest of a large body (up to 2 MiB) before
     * closing; otherwise a sender often got a reset instead of the answer.
     */
    @ParameterizedTest
    @EnumSource(value = Wire.class, names = {"FORM", "JSON"})
    void one_mebibyte_bodies_in_a_row_each_get_their_answer_and_so_does_the_next_postback(Wire wire) {
        List<Param> huge = List.of(Param.of("token", TOKEN_12), Param.of("click", "huge"), Param.of("comment", "x".repeat(ONE_MEBIBYTE)));
        for (int i = 0; i < 10; i++) {
            assertThat(demo.rejected("param", () -> wire.send(demo.http, CLICK, huge)).message()).isEqualTo(NOT_READ);
            demo.created(() -> wire.send(demo.http, CLICK, List.of(Param.of("token", TOKEN_12), Param.of("click", "after-huge"))));
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void sixty_five_parameters_are_too_many(Wire wire) {
        List<Param> params = new ArrayList<>(List.of(Param.of("token", TOKEN_12), Param.of("click", "count-" + wire)));
        for (int i = 0; i < 63; i++) {
            params.add(Param.of("x" + i, "1"));
        }
        JournalRow row = demo.rejected("param", () -> wire.send(demo.http, CLICK, params));
        assertThat(row.message()).isEqualTo("too many parameters: at most 64");

        params.remove(params.size() - 1);
        demo.created(() -> wire.send(demo.http, CLICK, params));
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void unknown_parameters_with_hostile_names_and_values_are_kept_as_sent(Wire wire) {
        String name = "'; DROP TABLE pb_lead; --";
        String value = "ab\u0000\u0001\u007F\u0080cd \" \\ " + SQL.get(1);
        List<Param> params = List.of(Param.of("token", TOKEN_12), Param.of("click", "unknown-" + wire), Param.of(name, value));

        demo.created(() -> wire.send(demo.http, CLICK, params));

        assertThat(lastJournalEntry().params()).containsEntry(name, List.of(value)).containsEntry("token", List.of("12-***"));
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void a_comment_may_hold_tab_and_line_breaks(Wire wire) {
        String comment = "line one\tcolumn\r\nline two\n" + SQL.get(0);
        Lead lead = demo.created(() -> wire.send(demo.http, CLICK, List.of(Param.of("token", TOKEN_12),
                Param.of("click", "comment-" + wire), Param.of("comment", comment))));
        assertThat(lead.state().comment()).contains(comment);
    }

    @Test
    void a_parameter_repeated_with_the_same_value_is_one_value() {
        Lead lead = demo.created(() -> Wire.QUERY.send(demo.http, CLICK, List.of(Param.of("token", TOKEN_12),
                Param.of("token", TOKEN_12), Param.of("click", "same"), Param.of("click", "same"))));
        assertThat(lead.click()).contains("same");
    }

    @Test
    void the_status_endpoint_is_as_strict_as_the_create_endpoint() {
        for (String sql : SQL) {
            demo.rejected("status", () -> Wire.QUERY.send(demo.http, STATUS, List.of(Param.of("token", TOKEN_12),
                    Param.of("click", "seed"), Param.of("exto", "seed-1"), Param.of("status", sql))));
            demo.rejected("lead", () -> Wire.QUERY.send(demo.http, STATUS, List.of(Param.of("token", TOKEN_12),
                    Param.of("click", sql), Param.of("exto", "seed-1"), Param.of("status", "cancelled"))));
        }
    }

    @Test
    void the_capture_sees_the_demos_log_lines() {
        Wire.QUERY.send(demo.http, CLICK, List.of(Param.of("token", TOKEN_12), Param.of("click", "{click}")));
        assertThat(demo.logLines()).anySatisfy(line -> assertThat(line).startsWith("INFO postback create site=12 outcome=rejected error=param"));
    }

    private static void assertRoundTrip(String param, String value, Lead lead) {
        switch (param) {
            case "click" -> assertThat(lead.click()).contains(value);
            case "exto" -> assertThat(lead.exto()).contains(value);
            case "comment" -> assertThat(lead.state().comment()).contains(value);
            default -> assertThat(lead.state().status().wireName()).as("override lists alone change nothing").isEqualTo("new");
        }
        assertThat(lastJournalEntry().params()).containsEntry(param, List.of(value));
    }

    private static JournalEntry lastJournalEntry() {
        return demo.server.history().latestJournal(1).get(0);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}

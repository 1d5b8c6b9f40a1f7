package io.postback.examples.security;

import static io.postback.examples.security.HostileDemo.CLICK;
import static io.postback.examples.security.HostileDemo.STATUS;
import static io.postback.examples.security.HostileDemo.SECRET_14;
import static io.postback.examples.security.HostileDemo.TOKEN_12;
import static io.postback.examples.security.HostileDemo.TOKEN_14;
import static io.postback.examples.security.HostileDemo.TOKEN_15;
import static io.postback.examples.security.HostileDemo.TOKEN_16;
import static org.assertj.core.api.Assertions.assertThat;

import io.postback.PostbackProcessor;
import io.postback.examples.demo.DemoOptions;
import io.postback.examples.demo.DemoServer;
import io.postback.examples.demo.DemoStorage;
import io.postback.examples.security.HostileDemo.JournalRow;
import io.postback.examples.security.Wire.Param;
import io.postback.examples.servlet.PostbackServlet;
import io.postback.examples.testing.DemoServers;
import io.postback.examples.testing.HttpTestClient;
import io.postback.examples.testing.HttpTestClient.Response;
import io.postback.examples.testing.JettyFixture;
import io.postback.model.Action;
import io.postback.model.JournalEntry;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The optional per-site hardening over HTTP (rules §2, SECURITY.md): signed postbacks, IP
 * allow-lists, and {@code X-Forwarded-For}, which counts only from a configured reverse proxy.
 */
class SignedAndAllowListedSitesTest {

    private static HostileDemo demo;

    @BeforeAll
    static void start() throws Exception {
        demo = HostileDemo.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (demo != null) {
            demo.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void a_signed_postback_is_applied_once_and_sent_again_gets_its_first_answer(Wire wire) {
        List<Param> signed = signed(SECRET_14, Param.of("token", TOKEN_14), Param.of("click", "signed-" + wire),
                Param.of("time", now()));

        demo.created(() -> wire.send(demo.http, CLICK, signed));
        String again = wire.send(demo.http, CLICK, signed).body();

        assertThat(again).contains("\"result\":\"created\"", "\"repeat\":true");
        assertThat(demo.server.history().latestLeads(100)).filteredOn(lead -> lead.click().orElse("").equals("signed-" + wire))
                .as("a click alone applied twice would make two leads").hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void a_signature_used_on_the_other_endpoint_is_answered_signature(Wire wire) {
        List<Param> signed = signed(SECRET_14, Param.of("token", TOKEN_14), Param.of("click", "other-" + wire),
                Param.of("exto", "o-1"), Param.of("time", now()));

        demo.created(() -> wire.send(demo.http, CLICK, signed));
        JournalRow reused = demo.rejected("signature", () -> wire.send(demo.http, STATUS, signed));

        assertThat(reused.message()).isEqualTo("this signature was already used: sign each postback anew");
        assertThat(reused.params()).doesNotContain("\"sig\"");
    }

    @Test
    void a_postback_for_a_signed_site_without_a_valid_signature_is_answered_signature() {
        String time = now();
        List<Param> base = List.of(Param.of("token", TOKEN_14), Param.of("click", "unsigned"), Param.of("time", time));

        assertThat(demo.rejected("signature", () -> Wire.QUERY.send(demo.http, CLICK, base)).message())
                .isEqualTo("this site requires signed postbacks: parameter 'sig' is missing");
        List<Param> tampered = new ArrayList<>(signed(SECRET_14, base.toArray(Param[]::new)));
        tampered.set(1, Param.of("click", "tampered"));
        assertThat(demo.rejected("signature", () -> Wire.QUERY.send(demo.http, CLICK, tampered)).message())
                .isEqualTo("the signature does not match the parameters");
        assertThat(demo.rejected("signature", () -> Wire.QUERY.send(demo.http, CLICK,
                signed("another secret entirely", base.toArray(Param[]::new)))).message())
                .isEqualTo("the signature does not match the parameters");
        String old = Long.toString(Instant.now().minusSeconds(600).getEpochSecond());
        assertThat(demo.rejected("signature", () -> Wire.QUERY.send(demo.http, CLICK, signed(SECRET_14, Param.of("token", TOKEN_14),
                Param.of("click", "stale"), Param.of("time", old)))).message())
                .isEqualTo("'time' is outside the signature window of 300 s");
        assertThat(demo.rejected("signature", () -> Wire.QUERY.send(demo.http, CLICK, signed(SECRET_14, Param.of("token", TOKEN_14),
                Param.of("click", "timeless")))).message())
                .isEqualTo("a signed postback needs 'time' (unix seconds)");
    }

    @Test
    void a_site_allowed_elsewhere_refuses_this_address_whatever_x_forwarded_for_claims() {
        for (String claimed : new String[] {null, "203.0.113.7", "198.51.100.20", "127.0.0.1, 203.0.113.7"}) {
            JournalRow row = demo.rejected("token", () -> get(demo.http, CLICK + "?token=" + TOKEN_15 + "&click=allow-1", claimed));
            assertThat(row.message()).isEqualTo("postbacks for this site are not accepted from this address");
            assertThat(row.remoteAddress()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void a_site_allowed_from_this_address_accepts_and_journals_the_peer_not_the_header() {
        demo.created(() -> get(demo.http, CLICK + "?token=" + TOKEN_16 + "&click=allow-2", "203.0.113.99"));
        assertThat(lastJournal(demo.server.history().latestJournal(1)).remoteAddress()).contains("127.0.0.1");
    }

    @Test
    void x_forwarded_for_counts_from_a_trusted_proxy_only() throws Exception {
        try (DemoStorage storage = DemoStorage.open(DemoOptions.defaults().withJdbcUrl(DemoServers.privateH2()))) {
            PostbackProcessor processor = PostbackProcessor.builder(storage.store(),
                    DemoServer.loadCatalog(DemoOptions.defaults().withCatalog(HostileDemo.catalogFile()))).build();
            PostbackServlet.Options options = PostbackServlet.Options.defaults();
            try (JettyFixture behindProxy = new JettyFixture(Map.of(CLICK, new PostbackServlet(processor, Action.CREATE,
                         options.withTrustedProxies(Set.of("127.0.0.1")))));
                 JettyFixture elsewhere = new JettyFixture(Map.of(CLICK, new PostbackServlet(processor, Action.CREATE,
                         options.withTrustedProxies(Set.of("10.0.0.1")))))) {
                HttpTestClient viaProxy = new HttpTestClient(behindProxy.port());
                HttpTestClient direct = new HttpTestClient(elsewhere.port());
                String query = CLICK + "?token=" + TOKEN_15 + "&click=proxied";

                assertThat(get(viaProxy, query, "203.0.113.7").body()).contains("\"result\":\"created\"");
                assertThat(lastJournal(storage.history().latestJournal(1)).remoteAddress()).contains("203.0.113.7");
                assertThat(get(viaProxy, query, "203.0.113.7, 192.0.2.1").body())
                        .as("the client wrote the left entry itself; the proxy saw 192.0.2.1").contains("\"error\":\"token\"");
                assertThat(get(direct, query, "203.0.113.7").body()).as("the peer is not a trusted proxy")
                        .contains("\"error\":\"token\"");
                assertThat(lastJournal(storage.history().latestJournal(1)).remoteAddress()).contains("127.0.0.1");
                assertThat(get(direct, CLICK + "?token=" + TOKEN_12 + "&click=plain", "203.0.113.7").body())
                        .contains("\"result\":\"created\"");
            }
        }
    }

    private static Response get(HttpTestClient http, String pathAndQuery, String forwardedFor) {
        var request = http.request(pathAndQuery).GET();
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return http.send(request.build());
    }

    private static JournalEntry lastJournal(List<JournalEntry> latest) {
        assertThat(latest).isNotEmpty();
        return latest.get(0);
    }

    private static String now() {
        return Long.toString(Instant.now().getEpochSecond());
    }

    /**
     * The parameters with {@code sig} added as SECURITY.md tells a sender to compute it: every
     * parameter but {@code sig}, sorted by name, RFC 3986-encoded, joined with {@code &}, HMAC-SHA256
     * in lower-case hex. The signature is registered as a secret that must never appear anywhere.
     */
    private static List<Param> signed(String secret, Param... params) {
        List<Param> sorted = new ArrayList<>(List.of(params));
        sorted.sort(Comparator.comparing(Param::name));
        String canonical = Wire.urlEncoded(sorted);
        String sig;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            sig = HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        demo.sentSignature(sig);
        List<Param> all = new ArrayList<>(List.of(params));
        all.add(Param.of("sig", sig));
        return all;
    }
}

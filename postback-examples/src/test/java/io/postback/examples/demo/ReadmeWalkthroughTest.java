package io.postback.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.postback.examples.testing.CurlCommand;
import io.postback.examples.testing.DemoServers;
import io.postback.examples.testing.HttpTestClient;
import io.postback.model.Lead;
import io.postback.model.LedgerEntry;
import io.postback.model.Money;
import io.postback.model.Party;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;

/**
 * Sends every curl line of the walkthrough (docs/walkthrough.md), in its order, to a freshly
 * started demo server over real HTTP, and checks each answer is exactly the one the walkthrough shows.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadmeWalkthroughTest {

    /**
     * The walkthrough, in its order: each {@code $ curl} line is followed by its exact answer.
     * docs/walkthrough.md must show the same lines and answers in the same order (checked below).
     */
    static final String WALKTHROUGH = """
            # Create a lead
            $ curl 'localhost:8080/api/site/click.json?token=12-abc&click=c1001'
            {"status":"ok","id":1,"result":"created","lead_status":"new","goal":"reg","payout":"10.00","commission":"4.00","currency":"EUR"}
            # Duplicates: exto
            $ curl 'localhost:8080/api/site/click.json?token=12-abc&click=c1002&exto=o-77'
            {"status":"ok","id":2,"result":"created","lead_status":"new","goal":"reg","payout":"10.00","commission":"4.00","currency":"EUR"}
            $ curl 'localhost:8080/api/site/click.json?token=12-abc&click=c1002&exto=o-77'
            {"status":"ok","id":2,"result":"duplicate","lead_status":"new","goal":"reg","payout":"10.00","commission":"4.00","currency":"EUR"}
            $ curl 'localhost:8080/api/site/click.json?token=12-abc&click=c1001'
            {"status":"ok","id":4,"result":"created","lead_status":"new","goal":"reg","payout":"10.00","commission":"4.00","currency":"EUR"}
            # Goals and aliases
            $ curl 'localhost:8080/api/site/click.json?token=12-abc&click=c1003&goal=registration'
            {"status":"ok","id":5,"result":"created","lead_status":"new","goal":"reg","payout":"10.00","commission":"4.00","currency":"EUR"}
            $ curl 'localhost:8080/api/site/status.json?token=12-abc&click=c1002&exto=o-77&status=approved'
            {"status":"ok","id":2,"result":"updated","lead_status":"approve","goal":"reg","payout":"10.00","commission":"4.00","currency":"EUR"}
            $ curl 'localhost:8080/api/site/status.json?token=12-abc&click=c1002&exto=o-77&goal=ftd'
            {"status":"ok","id":2,"result":"updated","lead_status":"approve","goal":"dep","payout":"50.00","commission":"30.00","currency":"EUR"}
            $ curl 'localhost:8080/api/site/click.json?token=12-abc&click=c1004&goal=vip'
            {"status":"error","error":"goal","message":"unknown goal 'vip' for offer 1"}
            # Special status names
            $ curl 'localhost:8080/api/site/status.json?token=12-abc&click=c1001&status=lead_ok'
            {"status":"error","error":"status","message":"unknown status 'lead_ok': add it to a sta/stc/stt/sth/stw/stn list or to the site's status aliases"}
            $ curl 'localhost:8080/api/site/status.json?token=12-abc&click=c1001&status=lead_ok&sta=lead_ok'
            {"status":"ok","id":4,"result":"updated","lead_status":"approve","goal":"reg","payout":"10.00","commission":"4.00","currency":"EUR"}
            $ curl 'localhost:8080/api/site/status.json?token=12-abc&click=c1003&status=Lead-Declined&stc=lead_declined,lead_fraud'
            {"status":"ok","id":5,"result":"updated","lead_status":"cancel","goal":"reg","payout":"10.00","commission":"4.00","currency":"EUR"}
            $ curl 'localhost:8080/api/site/status.json?token=12-abc&click=c1001&status=pending'
            {"status":"ok","id":4,"result":"stale","lead_status":"approve","goal":"reg","payout":"10.00","commission":"4.00","currency":"EUR"}
            # Single postback for all statuses: stn
            $ curl 'localhost:8080/api/site/status.json?token=12-abc&click=c2001&exto=o-2001&status=pending&stn=pending'
            {"status":"ok","id":6,"result":"created","lead_status":"new","goal":"reg","payout":"10.00","commission":"4.00","currency":"EUR"}
            $ curl 'localhost:8080/api/site/status.json?token=12-abc&click=c2001&exto=o-2001&status=pending&stn=pending'
            {"status":"ok","id":6,"result":"duplicate","lead_status":"new","goal":"reg","payout":"10.00","commission":"4.00","currency":"EUR"}
            $ curl 'localhost:8080/api/site/status.json?token=12-abc&click=c2001&exto=o-2001&status=in_review&stn=pending'
            {"status":"ok","id":6,"result":"updated","lead_status":"wait","goal":"reg","payout":"10.00","commission":"4.00","currency":"EUR"}
            $ curl 'localhost:8080/api/site/status.json?token=12-abc&click=c2001&exto=o-2001&status=approved&stn=pending'
            {"status":"ok","id":6,"result":"updated","lead_status":"approve","goal":"reg","payout":"10.00","commission":"4.00","currency":"EUR"}
            # auto=1
            $ curl 'localhost:8080/api/site/status.json?token=12-abc&click=c3001&status=approved'
            {"status":"error","error":"lead","message":"no lead of this offer matches the postback; send auto=1 to create it"}
            $ curl 'localhost:8080/api/site/status.json?token=12-abc&click=c3001&status=approved&auto=1'
            {"status":"ok","id":8,"result":"created","lead_status":"approve","goal":"reg","payout":"10.00","commission":"4.00","currency":"EUR"}
            # Advertiser payout and webmaster commission: pay, cc, wm
            $ curl 'localhost:8080/api/site/click.json?token=12-abc&click=c4001&pay=12.50&cc=EUR'
            {"status":"ok","id":9,"result":"created","lead_status":"new","goal":"reg","payout":"12.50","commission":"4.00","currency":"EUR"}
            $ curl 'localhost:8080/api/site/click.json?token=12-abc&click=c4002&goal=revshare&pay=80'
            {"status":"ok","id":10,"result":"created","lead_status":"new","goal":"rs","payout":"80.00","commission":"32.00","currency":"EUR"}
            $ curl 'localhost:8080/api/site/click.json?token=12-abc&click=c4003&pay=15&wm=6&cc=eur'
            {"status":"ok","id":11,"result":"created","lead_status":"new","goal":"reg","payout":"15.00","commission":"6.00","currency":"EUR"}
            $ curl 'localhost:8080/api/site/click.json?token=12-abc&click=c4004&pay=20&cc=BRL'
            {"status":"error","error":"currency","message":"no exchange rate from BRL to EUR, the currency of offer 1"}
            # Without click id: flow and code
            $ curl 'localhost:8080/api/site/click.json?token=12-abc&flow=1234&exto=app-501'
            {"status":"ok","id":12,"result":"created","lead_status":"new","goal":"reg","payout":"10.00","commission":"4.00","currency":"EUR"}
            $ curl 'localhost:8080/api/site/status.json?token=12-abc&flow=1234&exto=app-501&status=approved'
            {"status":"ok","id":12,"result":"updated","lead_status":"approve","goal":"reg","payout":"10.00","commission":"4.00","currency":"EUR"}
            $ curl 'localhost:8080/api/site/click.json?token=12-abc&code=5FAC-D4E8&exto=app-502'
            {"status":"ok","id":13,"result":"created","lead_status":"new","goal":"reg","payout":"10.00","commission":"4.00","currency":"EUR"}
            $ curl 'localhost:8080/api/site/status.json?token=12-abc&flow=1234&exto=app-502&status=confirmed'
            {"status":"ok","id":13,"result":"updated","lead_status":"approve","goal":"reg","payout":"10.00","commission":"4.00","currency":"EUR"}
            $ curl 'localhost:8080/api/site/click.json?token=12-abc&code=7B2C-11AA&exto=app-503&goal=ftd'
            {"status":"ok","id":14,"result":"created","lead_status":"new","goal":"dep","payout":"50.00","commission":"35.00","currency":"EUR"}
            $ curl 'localhost:8080/api/site/status.json?token=12-abc&flow=1234&status=approved'
            {"status":"error","error":"lead","message":"a flow without 'exto' cannot address a lead"}
            # Dry run
            $ curl 'localhost:8080/api/site/explain.json?action=status&token=12-abc&click=c1002&exto=o-77&status=cancelled'
            {"dry_run":true,"trace":[{"step":"site","detail":"site 12 of offer 1"},{"step":"status","detail":"'cancelled' is cancel by the dictionary word 'cancelled'"},{"step":"lookup","detail":"by (click, exto)"},{"step":"lead","detail":"found lead 2 (approve, goal 'dep')"},{"step":"rule","detail":"offer rule 'test-traffic' does not match: not field.sub1 starts with 'test'"},{"step":"rule","detail":"offer rule 'big-deposit' does not match: not pay > 500"},{"step":"cap","detail":"cap 'premium-total' (2 approve in total): does not count this lead"},{"step":"booking","detail":"advertiser -50.00 EUR (reversal)"},{"step":"booking","detail":"webmaster -30.00 EUR (reversal)"},{"step":"result","detail":"updated lead 2 to cancel"}],"status":"ok","id":2,"result":"updated","lead_status":"cancel","goal":"dep","payout":"50.00","commission":"30.00","currency":"EUR"}
            # Form and JSON bodies
            $ curl -d 'token=12-abc&click=c6001&goal=dep' localhost:8080/api/site/click.json
            {"status":"ok","id":15,"result":"created","lead_status":"new","goal":"dep","payout":"50.00","commission":"30.00","currency":"EUR"}
            $ curl -H 'Content-Type: application/json' -d '{"token":"12-abc","click":"c6001","status":"approved","pay":55.5}' localhost:8080/api/site/status.json
            {"status":"ok","id":15,"result":"updated","lead_status":"approve","goal":"dep","payout":"55.50","commission":"30.00","currency":"EUR"}
            # Errors
            $ curl -g 'localhost:8080/api/site/click.json?token=12-abc&click={click}'
            {"status":"error","error":"param","message":"parameter 'click' holds the unsubstituted macro {click}: the sender did not fill it in"}
            $ curl 'localhost:8080/api/site/click.json?token=12-wrong&click=c7001'
            {"status":"error","error":"token","message":"unknown or malformed token"}
            # Lead fields
            $ curl 'localhost:8080/api/site/click.json?token=12-abc&click=c8001&exto=o-8001&sub1=banner-7&country=DE&utm=x'
            {"status":"ok","id":16,"result":"created","lead_status":"new","goal":"reg","payout":"10.00","commission":"4.00","currency":"EUR","fields":{"country":"DE","sub1":"banner-7"}}
            $ curl 'localhost:8080/api/site/status.json?token=12-abc&click=c8001&exto=o-8001&status=approved&country=AT'
            {"status":"ok","id":16,"result":"updated","lead_status":"approve","goal":"reg","payout":"10.00","commission":"4.00","currency":"EUR","fields":{"country":"AT","sub1":"banner-7"}}
            $ curl 'localhost:8080/api/site/click.json?token=12-abc&click=c8002&country=%01'
            {"status":"error","error":"param","message":"parameter 'country' contains a control character"}
            $ curl 'localhost:8080/api/site/click.json?token=12-abc&click=c9001&exto=r-1&goal=rebill'
            {"status":"ok","id":17,"result":"created","lead_status":"new","goal":"rebill","payout":"20.00","commission":"10.00","currency":"EUR"}
            $ curl 'localhost:8080/api/site/click.json?token=12-abc&click=c9001&exto=r-2&goal=rebill&pay=30'
            {"status":"ok","id":17,"result":"updated","lead_status":"new","goal":"rebill","payout":"50.00","commission":"25.00","currency":"EUR","added":{"payout":"30.00","commission":"15.00"}}
            $ curl 'localhost:8080/api/site/click.json?token=12-abc&click=c9001&exto=r-2&goal=rebill&pay=30'
            {"status":"ok","id":17,"result":"duplicate","lead_status":"new","goal":"rebill","payout":"50.00","commission":"25.00","currency":"EUR"}
            $ curl 'localhost:8080/api/site/click.json?token=12-abc&click=c9101&exto=p-1&goal=premium'
            {"status":"ok","id":18,"result":"created","lead_status":"new","goal":"premium","payout":"200.00","commission":"80.00","currency":"EUR"}
            $ curl 'localhost:8080/api/site/status.json?token=12-abc&click=c9101&exto=p-1&status=approved&time=1767225600'
            {"status":"ok","id":18,"result":"updated","lead_status":"hold","goal":"premium","payout":"200.00","commission":"80.00","currency":"EUR","release_at":"2026-01-15T00:00:00Z"}
            $ sleep 2
            $ curl 'localhost:8080/api/site/status.json?token=12-abc&click=c9101&exto=p-1&status=approved'
            {"status":"ok","id":18,"result":"unchanged","lead_status":"approve","goal":"premium","payout":"200.00","commission":"80.00","currency":"EUR"}
            $ curl 'localhost:8080/api/site/click.json?token=12-abc&click=c9102&exto=p-2&goal=premium&status=approved&time=1767225600'
            {"status":"ok","id":19,"result":"created","lead_status":"hold","goal":"premium","payout":"200.00","commission":"80.00","currency":"EUR","release_at":"2026-01-15T00:00:00Z"}
            $ curl 'localhost:8080/api/site/click.json?token=12-abc&click=c9103&exto=p-3&goal=premium&status=approved'
            {"status":"error","error":"cap","message":"cap 'premium-total' (2 approve in total) has no room left in total"}
            $ curl 'localhost:8080/api/site/click.json?token=12-abc&click=c9201&sub1=test-1'
            {"status":"error","error":"rule","message":"rule 'test-traffic' refuses this postback"}
            $ curl 'localhost:8080/api/site/click.json?token=12-abc&click=c9202&goal=dep&pay=900&status=approved'
            {"status":"ok","id":21,"result":"created","lead_status":"hold","goal":"dep","payout":"900.00","commission":"30.00","currency":"EUR"}
            """;

    /** Where the walkthrough is published; it passes if one of them shows it. */
    private static final List<Path> README_CANDIDATES = List.of(Path.of("..", "docs", "walkthrough.md"));

    /** A curl line and its answer, or a pause ({@code sleep 2}, no answer) for the demo's hold releases. */
    record Step(String curl, String answer) {
        boolean isPause() {
            return curl.startsWith("sleep ");
        }

        List<String> shown() {
            return isPause() ? List.of(curl) : List.of(curl, answer);
        }
    }

    static List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        String[] lines = WALKTHROUGH.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("$ sleep ")) {
                steps.add(new Step(lines[i].substring(2), null));
            } else if (lines[i].startsWith("$ ")) {
                steps.add(new Step(lines[i].substring(2), lines[++i]));
            }
        }
        return steps;
    }

    private static DemoServer server;
    private static HttpTestClient http;
    private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();

    @BeforeAll
    static void start() throws Exception {
        LOG.start();
        ((Logger) LoggerFactory.getLogger("postback")).addAppender(LOG);
        server = DemoServers.start();
        http = new HttpTestClient(server.port());
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger("postback")).detachAppender(LOG);
        if (server != null) {
            server.close();
        }
    }

    @TestFactory
    @Order(1)
    Stream<DynamicTest> every_readme_curl_line_gets_the_answer_the_readme_shows() {
        return steps().stream().map(step -> DynamicTest.dynamicTest(step.curl(), () -> {
            if (step.isPause()) {
                Thread.sleep(Long.parseLong(step.curl().substring("sleep ".length())) * 1000);
                return;
            }
            HttpTestClient.Response response = http.send(CurlCommand.parse(step.curl()));
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.contentType()).isEqualToIgnoringCase("application/json;charset=utf-8");
            assertThat(response.body()).isEqualTo(step.answer());
        }));
    }

    @Test
    @Order(2)
    void after_the_walkthrough_the_ledger_of_every_lead_sums_to_what_it_earns() {
        List<Lead> leads = server.history().latestLeads(100);
        assertThat(leads).hasSize(18); // ids go up to 21: refused inserts (duplicates, a full cap) use up identity values
        for (Lead lead : leads) {
            for (Party party : Party.values()) {
                Money booked = Money.zero(lead.state().payout().currency());
                for (LedgerEntry entry : server.history().ledger(lead.id())) {
                    booked = entry.party() == party ? booked.plus(entry.amount()) : booked;
                }
                assertThat(booked).as("lead %d, %s", lead.id(), party).isEqualTo(lead.state().earned(party));
            }
        }
    }

    @Test
    @Order(3)
    void one_log_line_per_postback_with_the_site_but_never_the_token_key() {
        long postbacks = steps().stream().filter(s -> !s.isPause() && !s.curl().contains("explain.json")).count();
        List<String> lines = LOG.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).hasSize((int) postbacks);
        assertThat(lines.get(0)).matches("create site=12 outcome=created error=- lead=1 took=\\d+\\.\\dms");
        assertThat(lines).noneMatch(line -> line.contains("abc") || line.contains("wrong") || line.contains("c1001"));
        assertThat(lines).anyMatch(line -> line.startsWith("create site=12 outcome=rejected error=token lead=-"));
    }

    @Test
    void the_readme_shows_every_step_in_this_order() throws IOException {
        List<String> failures = new ArrayList<>();
        for (Path candidate : README_CANDIDATES) {
            if (!Files.exists(candidate)) {
                failures.add(candidate + ": missing");
                continue;
            }
            String readme = Files.readString(candidate, StandardCharsets.UTF_8);
            String missing = firstMissing(readme);
            if (missing.isEmpty()) {
                return;
            }
            failures.add(candidate + ": does not show, in order: " + missing);
        }
        throw new AssertionError("no page shows the walkthrough:\n" + String.join("\n", failures));
    }

    private static String firstMissing(String readme) {
        int at = 0;
        for (Step step : steps()) {
            for (String text : step.shown()) {
                int found = readme.indexOf(text, at);
                if (found < 0) {
                    return text;
                }
                at = found + text.length();
            }
        }
        return "";
    }
}

package io.postback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postback.memory.InMemoryOfferCatalog;
import io.postback.model.Action;
import io.postback.testing.EngineFixture;
import io.postback.testing.TestCatalog;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JSON catalog document: the test catalog written as JSON gives the processor the same answers. */
class CatalogJsonTest {

    static final String DOCUMENT = """
            {
              "offers": [
                {"id": 1, "name": "Casino", "currency": "EUR", "default_goal": "reg", "goals": [
                  {"id": "reg", "aliases": ["registration", "signup"], "payout": "10", "commission": {"fixed": "4"}},
                  {"id": "dep", "aliases": ["deposit", "ftd"], "payout": 50, "commission": {"fixed": 30}},
                  {"id": "rs", "aliases": ["revshare"], "payout": "100", "commission": {"revshare": "40"}}]},
                {"id": 2, "name": "Other", "currency": "USD", "goals": [
                  {"id": "lead", "payout": "5", "commission": {"fixed": "2"}}]}
              ],
              "sites": [
                {"id": 12, "offer": 1, "key": "abc", "status_aliases": {"lead_ok": "approve", "in_review": "wait"}},
                {"id": 13, "offer": 2, "key": "xyz"}
              ],
              "flows": [
                {"id": 1234, "code": "5FAC-D4E8", "offer": 1, "webmaster": 77},
                {"id": 1235, "code": "7B2C-11AA", "offer": 1, "webmaster": 78},
                {"id": 2001, "code": "OTHER-1", "offer": 2, "webmaster": 77}
              ],
              "rates": [
                {"offer": 1, "goal": "dep", "flow": 1235, "commission": {"fixed": "35"}},
                {"offer": 1, "goal": "rs", "webmaster": 77, "commission": {"revshare": "50"}}
              ]
            }
            """;

    private static InMemoryOfferCatalog read(String json) throws Exception {
        return InMemoryOfferCatalog.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theDocumentGivesTheSameAnswersAsTheCatalogBuiltInCode() throws Exception {
        EngineFixture fromCode = EngineFixture.standard();
        EngineFixture fromJson = EngineFixture.standard().sameStore(read(DOCUMENT), b -> { });
        List<String> postbacks = List.of(
                "CREATE token=12-abc&click=a&goal=ftd", "CREATE token=12-abc&flow=1235&goal=dep",
                "CREATE token=12-abc&flow=1234&goal=revshare&pay=30", "CREATE token=13-xyz&code=OTHER-1",
                "CREATE token=12-abc&click=b&status=lead_ok", "CREATE token=12-abc&click=c&status=In_Review",
                "CREATE token=13-xyz&click=d&status=lead_ok", "CREATE token=12-xyz&click=e",
                "CREATE token=12-abc&code=7B2C-11AA&goal=signup", "CREATE token=13-xyz&click=f&goal=reg");

        for (String line : postbacks) {
            String[] parts = line.split(" ");
            PostbackRequest request = PostbackRequest.fromQuery(Action.valueOf(parts[0]), parts[1]);
            assertThat(fromJson.handle(request).toJson()).as(line).isEqualTo(fromCode.handle(request).toJson());
        }
    }

    @Test
    void theDocumentHoldsWhatTheCodeBuilds() throws Exception {
        InMemoryOfferCatalog json = read(DOCUMENT);
        InMemoryOfferCatalog code = TestCatalog.create();

        assertThat(json.offers()).containsExactlyInAnyOrderElementsOf(code.offers());
        assertThat(json.flows()).containsExactlyInAnyOrderElementsOf(code.flows());
        assertThat(json.sites()).hasSameSizeAs(code.sites());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"offers\": {}}                                                                  | 'offers' must be an array",
        "{\"offers\": [{\"id\": 1, \"currency\": \"EURO\", \"goals\": [{\"id\": \"g\", \"payout\": 1, \"commission\": {\"fixed\": 1}}]}]} | unknown currency 'EURO'",
        "{\"offers\": [{\"id\": 1, \"currency\": \"EUR\", \"goals\": [{\"id\": \"g\", \"payout\": 1, \"commission\": {}}]}]} | 'commission' needs",
        "{\"offers\": [{\"id\": 1, \"currency\": \"EUR\", \"goals\": [{\"id\": \"g\", \"payout\": \"x\", \"commission\": {\"fixed\": 1}}]}]} | 'payout' must be a decimal",
        "{\"offers\": [{\"id\": \"one\", \"currency\": \"EUR\", \"goals\": [{\"id\": \"g\", \"payout\": 1, \"commission\": {\"fixed\": 1}}]}]} | 'id' must be an integer",
        "{\"sites\": [{\"id\": 1, \"offer\": 9, \"key\": \"k\"}]}                            | unknown offer 9",
        "{\"offers\": [{\"id\": 1, \"currency\": \"EUR\", \"goals\": [{\"id\": \"g\", \"payout\": 1, \"commission\": {\"fixed\": 1}}]}], \"sites\": [{\"id\": 1, \"offer\": 1, \"key\": \"k\", \"status_aliases\": {\"yes\": \"great\"}}]} | unknown status 'great'",
        "[]                                                                                | must be a JSON object",
        "{\"sitez\": []}                                                                   | unknown key 'sitez' at the top level; the keys there are offers, sites, flows, rates",
        "{\"offers\": [{\"id\": 1, \"currency\": \"EUR\", \"goals\": [{\"id\": \"g\", \"aliase\": [\"x\"], \"payout\": 1, \"commission\": {\"fixed\": 1}}]}]} | unknown key 'aliase' at offers[0].goals[0]; the keys there are id, aliases, payout, commission",
        "{\"offers\": [{\"id\": 1, \"currency\": \"EUR\", \"defaultGoal\": \"g\", \"goals\": []}]}          | unknown key 'defaultGoal' at offers[0]",
        "{\"offers\": [{\"id\": 1, \"currency\": \"EUR\", \"goals\": [{\"id\": \"g\", \"payout\": 1, \"commission\": {\"fixed\": 1, \"percent\": 5}}]}]} | unknown key 'percent' at offers[0].goals[0].commission",
        "{\"sites\": [{\"id\": 1, \"offer\": 9, \"key\": \"k\", \"secret\": \"s\"}]}         | unknown key 'secret' at sites[0]",
        "{\"flows\": [{\"id\": 1, \"code\": \"c\", \"offer\": 1, \"webmaster\": 2, \"wm\": 3}]} | unknown key 'wm' at flows[0]",
        "{\"rates\": [{\"offer\": 1, \"goal\": \"g\", \"flow\": 1, \"commission\": {\"fixed\": 1}, \"x\": 1}]} | unknown key 'x' at rates[0]",
        "{\"sites\": [7]}                                                                  | sites[0] must be a JSON object",
    })
    void aMalformedDocumentFailsNamingWhatIsWrong(String json, String message) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message.trim());
    }

    @Test
    void aDocumentWithoutSitesLoadsButSaysSoInTheLog() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("io.postback.memory.CatalogJson");
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try {
            assertThat(read("{\"offers\": []}").hasNoSites()).isTrue();
            assertThat(read(DOCUMENT).hasNoSites()).isFalse();
        } finally {
            logger.detachAppender(log);
        }
        assertThat(log.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).contains("no sites", "'token'");
        });
    }
}

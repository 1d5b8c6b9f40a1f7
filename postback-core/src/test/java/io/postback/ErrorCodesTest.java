package io.postback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postback.memory.InMemoryLeadStore;
import io.postback.model.Action;
import io.postback.model.ErrorCode;
import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.model.Outcome;
import io.postback.spi.Effects;
import io.postback.spi.Insertion;
import io.postback.spi.LeadLookup;
import io.postback.spi.StoreException;
import io.postback.testing.EngineFixture;
import io.postback.testing.ForwardingLeadStore;
import io.postback.testing.StoreSnapshot;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rules §8: every error code the processor produces with the in-memory store, as a value and in JSON. */
class ErrorCodesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EngineFixture fx = EngineFixture.standard();

    private static void assertRejected(EngineFixture f, PostbackRequest request, ErrorCode code) throws Exception {
        StoreSnapshot before = f.snapshot();

        PostbackResult result = f.handle(request);

        assertThat(result.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(result.lead()).isEmpty();
        PostbackResult.Rejected r = (PostbackResult.Rejected) result;
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.message()).isNotBlank();
        JsonNode json = JSON.readTree(result.toJson());
        assertThat(json.get("status").asText()).isEqualTo("error");
        assertThat(json.get("error").asText()).isEqualTo(code.name().toLowerCase(java.util.Locale.ROOT));
        assertThat(json.get("message").asText()).isEqualTo(r.message());
        StoreSnapshot after = f.snapshot();
        assertThat(after.sameLeadsAs(before)).isTrue();
        assertThat(after.journalSize()).isEqualTo(before.journalSize() + 1);
        assertThat(f.lastJournal().error()).contains(code);
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "TOKEN    | CREATE | token=12-nope&click=c",
        "PARAM    | CREATE | token=12-abc&click=a&click=b",
        "CLICK    | CREATE | token=12-abc&exto=o",
        "FLOW     | CREATE | token=12-abc&flow=42",
        "LEAD     | STATUS | token=12-abc&click=nobody&status=approved",
        "STATUS   | CREATE | token=12-abc&click=c&status=perhaps",
        "GOAL     | CREATE | token=12-abc&click=c&goal=vip",
        "AMOUNT   | CREATE | token=12-abc&click=c&pay=1e6",
        "CURRENCY | CREATE | token=12-abc&click=c&pay=5&cc=XYZ",
        "CURRENCY | CREATE | token=12-abc&click=c&pay=5&cc=USD",
    })
    void inputErrors(ErrorCode code, Action action, String query) throws Exception {
        assertRejected(fx, PostbackRequest.fromQuery(action, query), code);
    }

    @Nested
    class StoreFailures {

        private final InMemoryLeadStore memory = new InMemoryLeadStore();

        @Test
        void aStoreThatKeepsLosingTheCompareAndSetIsAConflictAfterTheRetries() throws Exception {
            AtomicInteger updates = new AtomicInteger();
            EngineFixture f = EngineFixture.fronted(memory, new ForwardingLeadStore(memory) {
                @Override
                public io.postback.spi.Update update(Lead lead, Effects effects) {
                    updates.incrementAndGet();
                    return io.postback.spi.Update.OUTDATED;
                }
            }, b -> b.maxAttempts(5));
            f.create("token=12-abc&click=c&exto=o");

            assertRejected(f, PostbackRequest.fromQuery(Action.STATUS, "token=12-abc&click=c&exto=o&status=approved"),
                    ErrorCode.CONFLICT);
            assertThat(updates).hasValue(5);
        }

        @Test
        void aStoreThatFailsIsAStoreErrorTheSenderShouldRetry() throws Exception {
            EngineFixture f = EngineFixture.fronted(memory, new ForwardingLeadStore(memory) {
                @Override
                public Insertion insert(Lead lead, Effects effects) {
                    throw new StoreException("connection reset by the database at 10.1.2.3", new RuntimeException("io"));
                }
            }, b -> { });

            assertRejected(f, PostbackRequest.fromQuery(Action.CREATE, "token=12-abc&click=c&exto=o"), ErrorCode.STORE);
            PostbackResult.Rejected r = (PostbackResult.Rejected) f.create("token=12-abc&click=c");
            assertThat(r.code().isTransient()).isTrue();
            assertThat(r.message()).as("infrastructure details stay in the logs").doesNotContain("10.1.2.3");
        }

        @Test
        void aFailingLookupIsAStoreErrorToo() throws Exception {
            EngineFixture f = EngineFixture.fronted(memory, new ForwardingLeadStore(memory) {
                @Override
                public Optional<Lead> find(LeadLookup lookup) {
                    throw new StoreException("timeout");
                }
            }, b -> { });

            assertRejected(f, PostbackRequest.fromQuery(Action.STATUS, "token=12-abc&click=c&status=ok"), ErrorCode.STORE);
        }

        @Test
        void aJournalThatCannotBeWrittenStillGivesTheSenderAnAnswer() {
            EngineFixture f = EngineFixture.fronted(memory, new ForwardingLeadStore(memory) {
                @Override
                public JournalEntry journal(JournalEntry entry) {
                    throw new StoreException("journal table is locked");
                }
            }, b -> { });

            PostbackResult badToken = f.create("token=12-nope&click=c");
            f.create("token=12-abc&click=c&exto=o");
            PostbackResult duplicate = f.create("token=12-abc&click=c&exto=o");

            assertThat(((PostbackResult.Rejected) badToken).code()).isEqualTo(ErrorCode.TOKEN);
            assertThat(((PostbackResult.Rejected) duplicate).code()).as("a duplicate must be journaled")
                    .isEqualTo(ErrorCode.STORE);
        }
    }
}

package io.postback.testing.contract;

import static io.postback.testing.contract.Fixtures.created;
import static io.postback.testing.contract.Fixtures.key;
import static io.postback.testing.contract.Fixtures.lead;
import static org.assertj.core.api.Assertions.assertThat;

import io.postback.JournalReplayer;
import io.postback.JournalReplayer.Disposition;
import io.postback.PostbackProcessor;
import io.postback.PostbackRequest;
import io.postback.PostbackResult;
import io.postback.model.Action;
import io.postback.model.ErrorCode;
import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.model.LeadEvent;
import io.postback.model.LedgerEntry;
import io.postback.model.Money;
import io.postback.model.Outcome;
import io.postback.model.Party;
import io.postback.model.Status;
import io.postback.spi.LeadLookup;
import io.postback.testing.TestCatalog;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The store contract, written once (as ShedLock's {@code AbstractLockProviderIntegrationTest}):
 * every store runs it through a subclass that supplies an empty store. On top of
 * {@link LeadStoreBasicContract}, {@link NetworkRulesContract}, {@link DeliveryQueueContract} and {@link OperatorReadsContract}:
 * hostile values, the 8-thread fuzz, and the processor over the store.
 */
public abstract class AbstractLeadStoreContractTest extends OperatorReadsContract {

    static final String INJECTION = "'; DROP TABLE pb_lead; --";
    static final String QUOTES = "it's \"quoted\" \\back\\slash\\ \\' \\\\ %_ `tick`";
    static final String ASTRAL = "emoji \uD83D\uDE00 math \uD835\uDD18 cjk \u6F22\u5B57 rtl \u202E end";
    static final String MAX_ASCII = "m".repeat(128);
    static final String MAX_ASTRAL = "\uD83D\uDE00".repeat(64);
    static final String STORE_MESSAGE = io.postback.PostbackResult.Rejected.STORE_NOT_APPLIED;
    static final String CONTROL = "nul\u0000inside, \u0001\u0002\u001B[31m\u001F\u007F, tab\t cr\r lf\n";

    @Test
    void hostileClicksAndExtosRoundTrip() {
        for (String click : List.of(INJECTION, QUOTES, ASTRAL, MAX_ASCII, MAX_ASTRAL)) {
            for (String exto : List.of(INJECTION, ASTRAL, MAX_ASTRAL)) {
                Lead inserted = insertNew(lead(1, click, exto, true));
                assertThat(store.find(new LeadLookup.ByKey(1, key(click, exto)))).contains(inserted);
                assertThat(inserted.click()).contains(click);
                assertThat(inserted.exto()).contains(exto);
            }
            Lead newest = history.latestLeads(1).get(0);
            assertThat(store.find(new LeadLookup.NewestOfClick(1, click))).contains(newest);
        }
        assertThat(history.latestLeads(100)).hasSize(15);
    }

    @Test
    void aMaximalCommentRoundTrips() {
        String comment = ("line one\ttab\r\nline two " + ASTRAL + " " + INJECTION + QUOTES).repeat(20).substring(0, 1023) + "!";
        Lead stored = insertNew(lead(1, "c1", "o1", true));
        Lead changed = stored.withState(Fixtures.withComment(stored.state(), comment));

        assertThat(store.update(changed, Fixtures.updated(changed)).applied()).isTrue();

        assertThat(comment).hasSize(1024);
        assertThat(store.find(new LeadLookup.ById(1, stored.id())).orElseThrow().state().comment()).contains(comment);
    }

    @Test
    void hostileJournalParametersAndMessagesRoundTrip() {
        Map<String, List<String>> params = Map.of("token", List.of("12-***"), "click", List.of(INJECTION),
                "unknown\u0000name", List.of(CONTROL, "", ASTRAL), "long", List.of(QUOTES.repeat(60)));
        JournalEntry entry = new JournalEntry(0, Fixtures.postbackId(), Fixtures.AT, Action.STATUS, params, OptionalLong.of(1), OptionalLong.empty(),
                OptionalLong.empty(), Outcome.REJECTED, Optional.of(io.postback.model.ErrorCode.STATUS),
                "unknown status '" + INJECTION + QUOTES + ASTRAL + "'", Optional.of("2001:db8::1%eth0"), OptionalLong.empty());

        JournalEntry stored = store.journal(entry);

        assertThat(stored).isEqualTo(entry.withId(stored.id()));
        assertThat(history.latestJournal(1)).containsExactly(stored);
        assertThat(history.rejectedAfter(0, 1)).containsExactly(stored);
    }

    @Test
    void concurrentInsertsOfTheSameKeysCreateOneLeadEach() throws Exception {
        StoreFuzzer.Inserts result = StoreFuzzer.insertSameKeys(store, 8, 40);

        assertThat(result.insertedPerKey()).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
        assertThat(result.idsPerKey()).allSatisfy((key, ids) -> assertThat(ids).as(key).hasSize(1));
        assertThat(history.latestLeads(1000)).hasSize(40);
        assertThat(history.latestJournal(1000)).hasSize(40);
        assertThat(outbox.pending(1000)).hasSize(40);
        assertThat(outbox.backlog()).isEqualTo(40);
    }

    @Test
    void racingCompareAndSetUpdatesLoseNothing() throws Exception {
        List<Lead> leads = List.of(insertNew(lead(1, "r1", "o", true)), insertNew(lead(1, "r2", "o", true)),
                insertNew(lead(1, "r3", "o", true)), insertNew(lead(1, "r4", "o", true)));

        int successes = StoreFuzzer.incrementCounters(store, leads, 8, 20);

        assertThat(successes).isEqualTo(160);
        int total = 0;
        for (Lead lead : leads) {
            Lead now = store.find(new LeadLookup.ById(1, lead.id())).orElseThrow();
            int counter = Integer.parseInt(now.state().comment().orElse("0"));
            assertThat(now.version()).isEqualTo(1 + counter);
            total += counter;
        }
        assertThat(total).isEqualTo(successes);
        assertThat(history.latestJournal(1000)).hasSize(4 + successes);
    }

    @Test
    void theProcessorCreatesOnceAndBooksWhatTheLeadEarns() {
        List<LeadEvent> delivered = new CopyOnWriteArrayList<>();
        PostbackProcessor processor = PostbackProcessor.builder(store, TestCatalog.create()).eventListener(delivered::add).build();

        PostbackResult created = processor.handle(create("click=p1&exto=e1"));
        PostbackResult duplicate = processor.handle(create("click=p1&exto=e1"));
        long id = created.lead().orElseThrow().id();

        assertThat(created.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(duplicate.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(duplicate.lead().orElseThrow().id()).isEqualTo(id);
        for (String change : List.of("status=approved", "goal=dep", "pay=70.5", "status=cancelled")) {
            assertThat(processor.handle(status("click=p1&exto=e1&" + change)).outcome()).as(change).isEqualTo(Outcome.UPDATED);
            Lead lead = history.lead(id).orElseThrow();
            assertThat(sum(history.ledger(id), Party.ADVERTISER)).as(change).isEqualTo(lead.state().earned(Party.ADVERTISER));
            assertThat(sum(history.ledger(id), Party.WEBMASTER)).as(change).isEqualTo(lead.state().earned(Party.WEBMASTER));
        }
        assertThat(history.lead(id).orElseThrow().status()).isEqualTo(Status.CANCEL);
        assertThat(history.ledger(id)).as("pay changes only the payout: one entry").hasSize(7);
        assertThat(history.latestJournal(100)).hasSize(6);
        assertThat(delivered).extracting(LeadEvent::leadId).containsOnly(id);
        assertThat(outbox.pending(100)).isEmpty();
        assertThat(outbox.backlog()).isZero();
    }

    @Test
    void theProcessorJournalsHostileParametersAsReceived() {
        PostbackProcessor processor = PostbackProcessor.builder(store, TestCatalog.create()).build();
        String query = "click=" + encode(INJECTION) + "&exto=" + encode(ASTRAL) + "&extra=" + encode(CONTROL);

        PostbackResult result = processor.handle(create(query));

        assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
        Lead lead = store.find(new LeadLookup.ByKey(1, key(INJECTION, ASTRAL))).orElseThrow();
        assertThat(lead.id()).isEqualTo(result.lead().orElseThrow().id());
        JournalEntry entry = history.latestJournal(1).get(0);
        assertThat(entry.params()).containsEntry("extra", List.of(CONTROL)).containsEntry("click", List.of(INJECTION));
        assertThat(entry.leadId()).hasValue(lead.id());
    }

    @Test
    void twoNodesReplayingOneJournalEntryAtOnceApplyItOnce() throws Exception {
        // A CREATE with a click alone makes a new lead each time it is applied: applied twice, two leads.
        JournalEntry rejected = store.journal(new JournalEntry(0, Fixtures.postbackId(), Fixtures.AT, Action.CREATE,
                Map.of("token", List.of("12-***"), "click", List.of("replayed-once"), "goal", List.of("deposit")),
                OptionalLong.of(1), OptionalLong.of(12), OptionalLong.empty(), Outcome.REJECTED, Optional.of(ErrorCode.GOAL),
                "unknown goal 'deposit'", Optional.empty(), OptionalLong.empty()));

        List<JournalReplayer.Replay> replays = ReplayRace.twoNodes(store, history, TestCatalog.create(), rejected);

        assertThat(replays).filteredOn(r -> r.disposition() == Disposition.APPLIED).hasSize(1);
        assertThat(replays).filteredOn(r -> r.disposition() != Disposition.APPLIED).singleElement().satisfies(loser ->
                assertThat(loser.disposition() == Disposition.ALREADY_REPLAYED || loser.result().orElseThrow()
                        .equals(new PostbackResult.Rejected(ErrorCode.STORE, STORE_MESSAGE))).as(loser.toString()).isTrue());
        assertThat(history.latestLeads(10)).singleElement().satisfies(lead -> assertThat(lead.click()).contains("replayed-once"));
        assertThat(history.replayed(rejected.id())).isTrue();
    }

    private static PostbackRequest create(String query) {
        return PostbackRequest.fromQuery(Action.CREATE, "token=" + TestCatalog.TOKEN_12 + "&" + query);
    }

    private static PostbackRequest status(String query) {
        return PostbackRequest.fromQuery(Action.STATUS, "token=" + TestCatalog.TOKEN_12 + "&" + query);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static Money sum(List<LedgerEntry> ledger, Party party) {
        Money total = Money.zero(java.util.Currency.getInstance("EUR"));
        for (LedgerEntry entry : ledger) {
            if (entry.party() == party) {
                total = total.plus(entry.amount());
            }
        }
        return total;
    }
}
